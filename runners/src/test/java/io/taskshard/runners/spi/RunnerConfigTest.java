package io.taskshard.runners.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunnerConfigTest {

    @Test
    void parses_key_value_pairs_keeping_repeats_in_order() {
        RunnerConfig c = RunnerConfig.parse(List.of("flag=--a=1", "binary=/opt/bazel", "flag=--b", "binary=bazelisk"));

        assertThat(c.all("flag")).containsExactly("--a=1", "--b");
        assertThat(c.string("binary", "bazel")).isEqualTo("bazelisk"); // the last one wins
        assertThat(c.string("missing", "dflt")).isEqualTo("dflt");
        assertThat(c.keys()).containsExactly("flag", "binary");
    }

    @Test
    void a_text_without_a_key_is_refused() {
        assertThatThrownBy(() -> RunnerConfig.parse(List.of("just-a-value")))
                .hasMessage("runner option 'just-a-value' must look like key=value");
        assertThatThrownBy(() -> RunnerConfig.parse(List.of("=x")))
                .hasMessage("runner option '=x' must look like key=value");
    }

    @Test
    void typed_values_and_clear_errors() {
        RunnerConfig c = RunnerConfig.parse(List.of("grace=1500ms", "seed=42", "rate=0.25", "mode=Uniform", "n=x"));

        assertThat(c.durationMillis("grace", 0)).isEqualTo(1500);
        assertThat(c.longValue("seed", 0)).isEqualTo(42);
        assertThat(c.doubleValue("rate", 0)).isEqualTo(0.25);
        assertThat(c.choice("mode", "fixed", List.of("fixed", "uniform"))).isEqualTo("uniform");
        assertThat(c.durationMillis("absent", 7)).isEqualTo(7);
        assertThatThrownBy(() -> c.longValue("n", 0)).hasMessage("runner option 'n': 'x' is not a whole number");
        assertThatThrownBy(() -> c.choice("mode", "fixed", List.of("fixed")))
                .hasMessage("runner option 'mode': 'uniform' is not one of [fixed]");
    }
}
