package io.taskshard.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One coordinator per data directory: an OS lock on {@value #FILE_NAME} in it, held for the
 * life of the coordinator. Two coordinators on one database would both fire schedules and
 * hand out the same tasks. The kernel drops the lock when the process dies, also on kill -9,
 * so a stale file never blocks a restart. The file's text names the holder (pid, address,
 * since when) for the refusal message; the lock, not the text, is what counts.
 *
 * <p>Token and backup commands do not take it: they make short SQLite transactions, which
 * WAL mode lets them share with the coordinator.
 */
public final class DataDirLock implements AutoCloseable {
    public static final String FILE_NAME = "coordinator.lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final long pid;
    private final Instant since;

    private DataDirLock(Path file, FileChannel channel, FileLock lock, long pid, Instant since) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.pid = pid;
        this.since = since;
    }

    /** Another coordinator holds the directory; the message names it. */
    public static final class HeldException extends StoreException {
        HeldException(String message) {
            super(message);
        }
    }

    /**
     * Takes the lock of {@code dataDir} (which must exist), writing {@code address} as what
     * this process serves.
     *
     * @throws HeldException when another process holds it
     * @throws StoreException when the lock file cannot be created or locked
     */
    public static DataDirLock acquire(Path dataDir, String address) {
        Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StoreException("cannot create the lock file " + file + ": " + DataDirAccess.describe(file, e), e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // this JVM holds it already: as much "in use" as another process
        } catch (IOException e) {
            closeQuietly(channel, e);
            throw new StoreException("cannot lock " + file + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            String holder = holder(file);
            closeQuietly(channel, null);
            throw new HeldException("the data directory " + dataDir.toAbsolutePath() + " is in use by another"
                    + " coordinator (" + holder + "); stop it first, attach to it with --server, or use another --data");
        }
        DataDirLock held = new DataDirLock(file, channel, lock, ProcessHandle.current().pid(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
        held.announce(address);
        return held;
    }

    /** Rewrites who holds the lock, e.g. once the real port is known. Best effort: the lock is what counts. */
    public void announce(String address) {
        String text = "pid " + pid + ", serving " + address + ", since " + since + "\n";
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
        } catch (IOException e) {
            throw new StoreException("cannot write the lock file " + file + ": " + e.getMessage(), e);
        }
    }

    /** What the lock file says about its holder; the file is read as a file, not through the locked channel. */
    private static String holder(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "it has not said who it is yet" : text;
        } catch (IOException e) {
            return "cannot read " + file + ": " + e.getMessage();
        }
    }

    private static void closeQuietly(FileChannel channel, Exception cause) {
        try {
            channel.close();
        } catch (IOException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            }
        }
    }

    /** Releases the lock; the file stays (deleting it would race with the next coordinator taking it). */
    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new StoreException("cannot release the lock " + file + ": " + e.getMessage(), e);
        }
    }
}
