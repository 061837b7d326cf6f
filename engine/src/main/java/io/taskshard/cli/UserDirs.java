package io.taskshard.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where taskshard keeps a user's own files when no directory is given: the embedded coordinator
 * of {@code taskshard tui} / {@code taskshard gui} (data), and the desktop app's remembered
 * servers and window layout (config). Follows the XDG base directory spec, as Linux desktops do.
 */
public final class UserDirs {
    /** Sub-directory of the XDG directories that belongs to taskshard. */
    public static final String APP_DIR = "taskshard";

    private final Map<String, String> env;
    private final Path home;

    UserDirs(Map<String, String> env, Path home) {
        this.env = env;
        this.home = home;
    }

    /** For this process's user and environment. */
    public static UserDirs current() {
        return new UserDirs(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** {@code $XDG_DATA_HOME/taskshard}, else {@code ~/.local/share/taskshard}. Not created here. */
    public Path data() {
        return base("XDG_DATA_HOME", home.resolve(".local/share")).resolve(APP_DIR);
    }

    /** {@code $XDG_CONFIG_HOME/taskshard}, else {@code ~/.config/taskshard}. Not created here. */
    public Path config() {
        return base("XDG_CONFIG_HOME", home.resolve(".config")).resolve(APP_DIR);
    }

    private Path base(String variable, Path fallback) {
        String value = env.get(variable);
        // The spec says relative values are invalid and must be ignored.
        return value != null && !value.isBlank() && Path.of(value).isAbsolute() ? Path.of(value) : fallback;
    }
}
