package io.taskshard.runners.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskshard.model.Resources;
import org.junit.jupiter.api.Test;

class ResourcesOptionTest {
    @Test
    void readsTheListAndLetsTheSingleFlagsWin() {
        assertThat(ResourcesOption.parse("cpu=8,memoryMb=16384", null, null)).isEqualTo(new Resources(8, 16_384));
        assertThat(ResourcesOption.parse(" cpu = 2.5 , memory-mb=512", null, null)).isEqualTo(new Resources(2.5, 512));
        assertThat(ResourcesOption.parse("cpu=8,memoryMb=16384", 4.0, null)).isEqualTo(new Resources(4, 16_384));
        assertThat(ResourcesOption.parse(null, null, 1024L)).isEqualTo(new Resources(0, 1024));
        assertThat(ResourcesOption.parse(null, null, null)).isEqualTo(Resources.NONE);
    }

    @Test
    void namesWhatIsWrong() {
        assertThatThrownBy(() -> ResourcesOption.parse("gpu=1", null, null)).hasMessageContaining("unknown resource 'gpu'");
        assertThatThrownBy(() -> ResourcesOption.parse("cpu", null, null)).hasMessageContaining("key=value");
        assertThatThrownBy(() -> ResourcesOption.parse("memoryMb=lots", null, null))
                .hasMessageContaining("'lots' is not a number (memoryMb)");
        assertThatThrownBy(() -> ResourcesOption.parse(null, -1.0, null)).hasMessageContaining("must not be negative");
    }
}
