package io.taskshard.runners.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's throw-away data directory (under {@code java.io.tmpdir}): removed when the demo
 * ends normally ({@link #close()}) and, through a shutdown hook, when it is ended by SIGTERM or
 * Ctrl-C, where the demo's {@code finally} never runs. Before the hook deletes, it runs
 * {@code stopWriters} so that peers and the coordinator stop writing into the directory.
 */
final class TemporaryDataDir implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TemporaryDataDir.class);
    static final String PREFIX = "taskshard-demo-";

    private final Path dir;
    private final Thread hook;
    private volatile Runnable stopWriters = () -> { };

    private TemporaryDataDir(Path dir) {
        this.dir = dir;
        this.hook = new Thread(this::onShutdown, "taskshard-demo-cleanup");
    }

    static TemporaryDataDir create() throws IOException {
        TemporaryDataDir temp = new TemporaryDataDir(Files.createTempDirectory(PREFIX));
        Runtime.getRuntime().addShutdownHook(temp.hook);
        return temp;
    }

    Path path() {
        return dir;
    }

    /** What the shutdown hook stops before deleting (the peers, the coordinator). */
    void stopWritersOnShutdown(Runnable stop) {
        this.stopWriters = stop;
    }

    private void onShutdown() {
        try {
            stopWriters.run();
        } catch (RuntimeException e) {
            LOG.warn("stopping the demo before removing {} failed; removing it anyway", dir, e);
        }
        delete();
    }

    /** The normal end: delete now, and no hook is needed any more. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            return; // the JVM is shutting down: the hook deletes
        }
        delete();
    }

    private void delete() {
        List<Path> left = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    left.add(p);
                }
            });
        } catch (IOException e) {
            LOG.warn("could not remove the demo's temporary data {}: {}", dir, e.toString());
            return;
        }
        if (!left.isEmpty()) {
            LOG.warn("could not remove all of the demo's temporary data {}: {} entries left, e.g. {}", dir,
                    left.size(), left.get(0));
        }
    }
}
