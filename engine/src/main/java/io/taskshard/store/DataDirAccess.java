package io.taskshard.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The data directory's permissions (only its owner may read it: it holds token hashes and
 * every job's commands) and errors about it that say what to do: whose file is in the way,
 * whether the disk is full or read-only.
 */
final class DataDirAccess {
    static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    /** SQLite's companions of the database, created beside it with the database's mode. */
    static final String[] DB_SUFFIXES = {"", "-wal", "-shm"};

    private DataDirAccess() {
    }

    /** Creates {@code dir} as 0700 if missing (an existing one keeps the mode its owner chose). */
    static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (isPosix(parent)) {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
            Files.setPosixFilePermissions(dir, DIR_MODE); // the umask may have removed bits, never added: be exact
        } else {
            Files.createDirectory(dir);
        }
    }

    /**
     * Makes the database and its -wal/-shm files 0600. SQLite gives -wal/-shm the mode of the
     * database, so creating the database 0600 before SQLite opens it is what matters.
     */
    static void restrictDatabase(Path db) throws IOException {
        if (!isPosix(db.getParent())) {
            return;
        }
        if (Files.notExists(db)) {
            Files.createFile(db, PosixFilePermissions.asFileAttribute(FILE_MODE));
        }
        for (String suffix : DB_SUFFIXES) {
            Path f = db.resolveSibling(db.getFileName() + suffix);
            if (Files.exists(f) && Files.isWritable(f) && !Files.getPosixFilePermissions(f).equals(FILE_MODE)) {
                Files.setPosixFilePermissions(f, FILE_MODE);
            }
        }
    }

    /** Says why {@code path} cannot be used and what to do, naming its owner when it is not ours. */
    static String describe(Path path, Exception e) {
        Path existing = path.toAbsolutePath();
        while (existing != null && Files.notExists(existing)) {
            existing = existing.getParent();
        }
        if (e instanceof AccessDeniedException || (e.getMessage() != null && e.getMessage().contains("denied"))) {
            String me = System.getProperty("user.name");
            String owner = owner(existing);
            if (owner != null && !owner.equals(me)) {
                return "permission denied: " + existing + " belongs to " + owner + ", this process runs as " + me
                        + " (run as " + owner + ", or as root: chown -R " + me + " " + existing + ")";
            }
            return "permission denied on " + existing + " (owner " + owner + ", this process runs as " + me
                    + "; check its mode with ls -ld)";
        }
        String space = space(existing);
        return (e.getMessage() != null ? e.getMessage() : e.toString()) + space;
    }

    /** " (disk full: ...)" or " (read-only file system: ...)" when that is likely the cause, else "". */
    static String space(Path existing) {
        if (existing == null) {
            return "";
        }
        try {
            FileStore store = Files.getFileStore(existing);
            if (store.isReadOnly()) {
                return " (" + store + " is mounted read-only)";
            }
            if (store.getUsableSpace() < 2L * 1024 * 1024) {
                return " (the disk is full: " + store.getUsableSpace() / 1024 + " KiB free on " + store + ")";
            }
        } catch (IOException ignored) {
            // The cause we were asked about stays the message; this was only a guess at more.
        }
        return "";
    }

    static String owner(Path path) {
        if (path == null) {
            return null;
        }
        try {
            return Files.getOwner(path).getName();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static boolean isPosix(Path p) {
        Path at = p == null ? Path.of("").toAbsolutePath() : p;
        return at.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
