package io.taskshard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserDirsTest {
    private static final Path HOME = Path.of("/home/ada");

    @Test
    void followsTheXdgVariablesWhenTheyAreAbsolute() {
        UserDirs dirs = new UserDirs(Map.of("XDG_DATA_HOME", "/srv/data", "XDG_CONFIG_HOME", "/etc/ada"), HOME);

        assertThat(dirs.data()).isEqualTo(Path.of("/srv/data/taskshard"));
        assertThat(dirs.config()).isEqualTo(Path.of("/etc/ada/taskshard"));
    }

    @Test
    void fallsBackToTheHomeDirectoryWhenUnsetBlankOrRelative() {
        assertThat(new UserDirs(Map.of(), HOME).data()).isEqualTo(Path.of("/home/ada/.local/share/taskshard"));
        assertThat(new UserDirs(Map.of("XDG_CONFIG_HOME", " "), HOME).config())
                .isEqualTo(Path.of("/home/ada/.config/taskshard"));
        assertThat(new UserDirs(Map.of("XDG_DATA_HOME", "rel/dir"), HOME).data())
                .isEqualTo(Path.of("/home/ada/.local/share/taskshard"));
    }
}
