package io.taskshard.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Where sqlite-jdbc's native library is loaded from: one copy per sqlite-jdbc version and
 * platform, in the user's cache ({@code $XDG_CACHE_HOME/taskshard/sqlite-jdbc/VERSION/OS-ARCH}),
 * reused by every process and never growing. Left to itself sqlite-jdbc unpacks a fresh,
 * randomly named 1.1 MB copy per process into its tmpdir, deleted only on a clean exit: every
 * kill -9 left one behind, and on a full disk the half-written copy failed to load with the
 * baffling "Successful result [SQLite code 0]". When the cache is not writable (a service
 * user without a home) the copy goes to {@code DATA/.native/VERSION/OS-ARCH} instead, still one.
 */
final class NativeSqlite {
    static final String LIB_PATH_PROPERTY = "org.sqlite.lib.path";
    static final String LIB_NAME_PROPERTY = "org.sqlite.lib.name";
    /** Directory of the data dir the copy falls back to; also where taskshard up to 0.1 leaked copies. */
    static final String DATA_NATIVE_DIR = ".native";
    private static final Logger log = LoggerFactory.getLogger(NativeSqlite.class);
    private static boolean placed;

    private NativeSqlite() {
    }

    /**
     * Makes sure sqlite-jdbc will load its library from the fixed place, unpacking it there if
     * missing. Does nothing when someone already chose (the {@value #LIB_PATH_PROPERTY} property).
     *
     * @throws StoreException naming the real cause (disk full, read-only, permissions) when no
     *                        place can take the library
     */
    static synchronized void place(Path dataDir) {
        if (placed || System.getProperty(LIB_PATH_PROPERTY) != null) {
            return;
        }
        removeLeakedCopies(dataDir.resolve(DATA_NATIVE_DIR));
        Path cached = versionDir(cacheRoot(System.getenv(), Path.of(System.getProperty("user.home"))));
        Path dir;
        try {
            dir = unpack(cached);
        } catch (IOException e) {
            Path fallback = versionDir(dataDir.resolve(DATA_NATIVE_DIR));
            log.debug("cannot unpack the SQLite library into {} ({}); using {}", cached, e.getMessage(), fallback);
            try {
                dir = unpack(fallback);
            } catch (IOException e2) {
                throw new StoreException("cannot unpack the SQLite native library (" + LibraryLoaderUtil.getNativeLibName()
                        + ", about 1 MB) into " + cached + " or " + fallback + ": "
                        + DataDirAccess.describe(fallback, e2), e2);
            }
        }
        System.setProperty(LIB_PATH_PROPERTY, dir.toString());
        System.setProperty(LIB_NAME_PROPERTY, LibraryLoaderUtil.getNativeLibName());
        placed = true;
    }

    /** {@code $XDG_CACHE_HOME/taskshard/sqlite-jdbc}, else {@code ~/.cache/taskshard/sqlite-jdbc}. */
    static Path cacheRoot(Map<String, String> env, Path home) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".cache");
        return base.resolve("taskshard").resolve("sqlite-jdbc");
    }

    static Path versionDir(Path root) {
        String platform = LibraryLoaderUtil.getNativeLibResourcePath().replaceFirst("^/?org/sqlite/native/", "")
                .replace('/', '-');
        return root.resolve(SQLiteJDBCLoader.getVersion()).resolve(platform).toAbsolutePath();
    }

    /** Unpacks the library into {@code dir} unless an identical-size copy is there; returns {@code dir}. */
    static Path unpack(Path dir) throws IOException {
        String name = LibraryLoaderUtil.getNativeLibName();
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
        Path target = dir.resolve(name);
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("sqlite-jdbc has no native library " + resource + " for this platform");
            }
            byte[] bytes = in.readAllBytes();
            if (Files.isRegularFile(target) && Files.size(target) == bytes.length) {
                return dir;
            }
            Files.createDirectories(dir);
            // Written beside it and moved into place, so a process loading it never sees half a file.
            Path partial = Files.createTempFile(dir, name, ".partial");
            try {
                Files.write(partial, bytes);
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
            return dir;
        }
    }

    /** Earlier versions left {@code sqlite-*-libsqlitejdbc.so} (+ .lck) copies here; a loaded one may be unlinked safely. */
    private static void removeLeakedCopies(Path nativeDir) {
        if (!Files.isDirectory(nativeDir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(nativeDir, "sqlite-*")) {
            for (Path f : files) {
                if (Files.isRegularFile(f)) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            log.warn("could not remove old SQLite library copies in {}: {}", nativeDir, e.getMessage());
        }
    }
}
