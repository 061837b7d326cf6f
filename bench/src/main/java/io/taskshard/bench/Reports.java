package io.taskshard.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writing results as JSON, and cleaning up after an in-process server. */
final class Reports {
    private static final Logger LOG = LoggerFactory.getLogger(Reports.class);
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private Reports() {
    }

    /** Writes {@code value} (records of results) as indented JSON. */
    static void writeJson(Path file, Object value) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), value);
    }

    /** Reads a file {@link #writeJson} wrote, as a tree (for tests and scripts). */
    static com.fasterxml.jackson.databind.JsonNode readJson(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    /** Deletes a temporary data directory; what cannot be deleted is logged and left. */
    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not delete the temporary data directory {}; delete it by hand", dir, e);
        }
    }
}
