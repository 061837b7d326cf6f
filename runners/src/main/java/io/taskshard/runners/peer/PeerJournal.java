package io.taskshard.runners.peer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskshard.protocol.ProtocolCodec;
import io.taskshard.runners.spi.RunResult;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leases a peer holds, on disk, so that a peer restarted with the same id (after a crash or
 * a SIGKILL) can claim them back within the coordinator's grace period: it lists them in
 * {@code hello.running}, re-runs those without a result and resends the stored results.
 *
 * <p>One small JSON file per peer id in the state directory, rewritten whole and atomically
 * (temporary file, fsync, atomic rename) whenever a lease is assigned, acked, cancelled or gets
 * its result. A journal written for another server URL or another schema is not used.
 */
final class PeerJournal {
    private static final Logger LOG = LoggerFactory.getLogger(PeerJournal.class);
    static final int FORMAT_VERSION = 1;
    /** Longer ids are shortened in the file name (a hash keeps them apart). */
    private static final int MAX_NAME_CHARS = 80;
    private static final ObjectMapper JSON = ProtocolCodec.mapper();

    /**
     * One held lease: the {@code assign} it came with and, once the attempt ended, its result.
     *
     * @param result null while the attempt has not ended
     */
    record Entry(long lease, int attempt, long timeoutMs, Map<String, Object> task, RunResult result) {
    }

    /** The file's content. */
    record Content(int version, String server, String peer, String schema, String schemaHash, List<Entry> leases) {
        Content {
            leases = leases == null ? List.of() : List.copyOf(leases);
        }
    }

    /** What {@link #load} found: the entries to reclaim, and why a file was not used (or null). */
    record Loaded(List<Entry> entries, String ignoredBecause) {
    }

    private final Path file;
    private final String server;
    private final String peerId;
    private final String schemaName;
    private final String schemaHash;

    PeerJournal(Path stateDir, String peerId, String server, String schemaName, String schemaHash) {
        this.file = stateDir.resolve(fileName(peerId));
        this.server = server;
        this.peerId = peerId;
        this.schemaName = schemaName;
        this.schemaHash = schemaHash;
    }

    Path file() {
        return file;
    }

    /** The journal's file name for a peer id: the id made safe for a file name. */
    static String fileName(String peerId) {
        String safe = peerId.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.equals(peerId) && safe.length() <= MAX_NAME_CHARS && !safe.startsWith(".")) {
            return safe + ".json";
        }
        String cut = safe.length() > MAX_NAME_CHARS ? safe.substring(0, MAX_NAME_CHARS) : safe;
        return cut + "-" + shortHash(peerId) + ".json";
    }

    /** Reads the journal; a missing file is an empty one. Never throws: an unusable file is reported and ignored. */
    Loaded load() {
        Content content;
        try {
            content = JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), Content.class);
        } catch (NoSuchFileException e) {
            return new Loaded(List.of(), null);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read the lease journal {}; ignoring it: {}", file, e.toString());
            LOG.debug("details", e);
            return new Loaded(List.of(), "the lease journal " + file + " is unreadable (" + e.getMessage() + ")");
        }
        String why = null;
        if (content.version() != FORMAT_VERSION) {
            why = "it has format version " + content.version() + ", this peer writes " + FORMAT_VERSION;
        } else if (!server.equals(content.server())) {
            why = "it was written for server " + content.server() + ", this peer talks to " + server;
        } else if (!peerId.equals(content.peer())) {
            why = "it was written for peer '" + content.peer() + "'";
        } else if (!schemaName.equals(content.schema()) || !schemaHash.equals(content.schemaHash())) {
            why = "it was written for another schema ('" + content.schema() + "', task list "
                    + content.schemaHash() + ")";
        }
        if (why != null) {
            LOG.info("ignoring the lease journal {}: {}", file, why);
            return new Loaded(List.of(), "ignored the lease journal " + file + ": " + why);
        }
        return new Loaded(content.leases(), null);
    }

    /** Replaces the journal with {@code entries}; removes it when there are none. */
    void save(List<Entry> entries) throws IOException {
        if (entries.isEmpty()) {
            delete();
            return;
        }
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        byte[] bytes = JSON.writeValueAsBytes(new Content(FORMAT_VERSION, server, peerId, schemaName, schemaHash, entries));
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(bytes));
            ch.force(true); // the rename must not publish a file whose bytes are not on disk yet
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            LOG.debug("atomic rename not supported in {}; replacing {} non-atomically", file.getParent(), file);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Removes the journal (the job is over, or the peer left on purpose). */
    void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    private static String shortHash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256, which every Java platform must provide", e);
        }
    }
}
