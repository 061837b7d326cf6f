package io.taskshard.runners.spi;

import static io.taskshard.runners.testing.Runs.result;
import static io.taskshard.runners.testing.Runs.run;
import static io.taskshard.runners.testing.Runs.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskshard.protocol.Outcome;
import io.taskshard.runners.bazel.BazelRunner;
import io.taskshard.runners.shell.ShellRunner;
import io.taskshard.runners.sim.SimRunner;
import io.taskshard.runners.testing.RecordingListener;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnersTest {

    @TempDir
    Path dir;

    @Test
    void finds_the_built_in_runners_by_name() {
        assertThat(Runners.byName("shell", RunnerConfig.EMPTY)).isInstanceOf(ShellRunner.class);
        assertThat(Runners.byName("bazel", RunnerConfig.EMPTY)).isInstanceOf(BazelRunner.class);
        assertThat(Runners.byName("sim", RunnerConfig.EMPTY)).isInstanceOf(SimRunner.class);
        assertThat(Runners.available()).extracting(RunnerProvider::name)
                .containsExactly("bazel", "shell", "sim", EchoRunnerProvider.NAME);
    }

    @Test
    void finds_a_provider_registered_in_meta_inf_services_like_a_plug_in_jar() {
        Runner echo = Runners.byName(EchoRunnerProvider.NAME, RunnerConfig.parse(List.of("message=hello from")));
        RecordingListener listener = new RecordingListener();

        RunResult r = result(echo.start(run(task("t1"), dir), listener));

        assertThat(echo.name()).isEqualTo(EchoRunnerProvider.NAME);
        assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(r.log()).isEqualTo("hello from t1\n");
        assertThat(listener.calls).containsExactly("started", "hello from t1\n");
    }

    @Test
    void an_unknown_name_lists_the_available_ones() {
        assertThatThrownBy(() -> Runners.byName("docker", RunnerConfig.EMPTY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown runner 'docker'; available: bazel, shell, sim, test-echo");
    }

    @Test
    void an_unknown_option_is_refused_with_the_runners_options() {
        assertThatThrownBy(() -> Runners.byName("shell", RunnerConfig.parse(List.of("templte=make {target}"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("runner 'shell' has no option templte")
                .hasMessageContaining("template")
                .hasMessageContaining("kill-grace");
    }

    @Test
    void a_bad_option_value_names_the_runner_and_the_option() {
        assertThatThrownBy(() -> Runners.byName("sim", RunnerConfig.parse(List.of("mean=soon"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("runner 'sim': runner option 'mean': 'soon' is not a duration");
        assertThatThrownBy(() -> Runners.byName(EchoRunnerProvider.NAME, RunnerConfig.parse(List.of("message= "))))
                .hasMessage("runner 'test-echo': runner option 'message' must not be blank");
    }

    @Test
    void two_providers_with_one_name_are_refused_naming_both() throws IOException {
        try (URLClassLoader loader = withServices("io.taskshard.runners.spi.DuplicateShellProvider")) {
            assertThatThrownBy(() -> Runners.byName("shell", RunnerConfig.EMPTY, loader))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("claimed by several providers")
                    .hasMessageContaining("io.taskshard.runners.shell.ShellRunnerProvider")
                    .hasMessageContaining("io.taskshard.runners.spi.DuplicateShellProvider");
        }
    }

    @Test
    void a_broken_provider_entry_does_not_hide_the_others_and_is_reported() throws IOException {
        try (URLClassLoader loader = withServices("com.example.NoSuchProvider")) {
            assertThat(Runners.byName("sim", RunnerConfig.EMPTY, loader)).isInstanceOf(SimRunner.class);
            assertThatThrownBy(() -> Runners.byName("nope", RunnerConfig.EMPTY, loader))
                    .hasMessageContaining("available: bazel, shell, sim, test-echo")
                    .hasMessageContaining("com.example.NoSuchProvider");
        }
    }

    /** A class loader that adds one more services file listing {@code providerClass}. */
    private URLClassLoader withServices(String providerClass) throws IOException {
        Path services = dir.resolve("extra/META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(RunnerProvider.class.getName()), providerClass + "\n");
        return new URLClassLoader(new URL[] {dir.resolve("extra").toUri().toURL()}, getClass().getClassLoader());
    }
}
