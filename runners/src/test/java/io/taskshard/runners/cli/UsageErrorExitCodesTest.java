package io.taskshard.runners.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Usage errors of every command of this classpath, in process through {@link Main#run} with
 * captured streams: exit 2, a one-line message naming the command (then at most the hint to
 * run --help, and picocli's "did you mean" suggestions), nothing on stdout, no stack trace.
 * The same through the real launcher main in child JVMs: {@link UsageErrorProcessTest}.
 */
class UsageErrorExitCodesTest {
    @TempDir
    static Path tmp;

    static Stream<Arguments> usageErrors() {
        String data = tmp.resolve("data").toString();
        String schema = Path.of("..", "schemas", "demo.yaml").toString();
        return Stream.of(
                // unknown option
                row("", "--nope"),
                row("serve", "--nope"),
                row("token", "--nope"),
                row("token create", "--nope"),
                row("token list", "--nope"),
                row("token revoke", "--nope"),
                row("backup", "--nope", "x.db"),
                row("peer", "--nope"),
                row("demo", "--nope"),
                row("worker", "--nope"),
                row("submit", "--nope"),
                row("schedule", "--nope"),
                row("schedule add", "--nope"),
                row("schedule list", "--nope"),
                row("schedule rm", "--nope"),
                row("status", "--nope"),
                // unknown command, missing command
                row("", "nosuch"),
                row(""),
                row("token"),
                row("schedule"),
                // missing required option or parameter
                row("token create", "--name", "x", "--data", data),
                row("token create", "--role", "peer", "--data", data),
                row("backup", "--data", data),
                row("peer", "--server", "localhost:1"),
                row("peer", "--schema", schema),
                row("submit", "--server", "localhost:1"),
                row("schedule add", "--name", "n", "--schema", schema, "--server", "localhost:1"),
                row("schedule rm", "--server", "localhost:1"),
                // bad values, bare durations above all
                row("submit", "--schema", schema, "--server", "localhost:1", "--exec-cap", "30"),
                row("submit", "--schema", schema, "--server", "localhost:1", "--delay-tolerance", "10"),
                row("submit", "--schema", schema, "--server", "localhost:1", "--attempts", "many"),
                row("serve", "--grace", "30", "--data", data),
                row("serve", "--heartbeat", "5x", "--data", data),
                row("serve", "--port", "http", "--data", data),
                row("serve", "--peer-rate", "fast", "--data", data),
                row("serve", "--sync", "sometimes", "--data", data),
                row("peer", "--server", "localhost:1", "--schema", schema, "--reconnect-limit", "5"),
                row("peer", "--server", "localhost:1", "--schema", schema, "--slots", "two"),
                row("worker", "--server", "localhost:1", "--reconnect-limit", "5"),
                row("demo", "--peers", "many"),
                row("demo", "--speed", "fast"),
                row("status", "--limit", "all", "--server", "localhost:1"),
                row("schedule rm", "three", "--server", "localhost:1"),
                row("token create", "--role", "king", "--name", "x", "--data", data));
    }

    private static Arguments row(String command, String... args) {
        List<String> all = new ArrayList<>(command.isEmpty() ? List.of() : Arrays.asList(command.split(" ")));
        all.addAll(List.of(args));
        return Arguments.of(command.isEmpty() ? "taskshard" : "taskshard " + command, all);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("usageErrors")
    void aUsageErrorExitsTwoWithOneLine(String command, List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));

        assertUsageError(command, exit, out.toString(), err.toString());
    }

    /** Exit 2; stderr: the message on one line naming the command, then only hints; no stack trace. */
    static void assertUsageError(String command, int exit, String out, String err) {
        String all = "stdout:\n" + out + "\nstderr:\n" + err;
        assertThat(exit).as(all).isEqualTo(Main.EXIT_USAGE);
        assertThat(err).as(all).doesNotContain("\tat ").doesNotContain("Exception");
        List<String> lines = err.strip().lines().toList();
        assertThat(lines).as(all).isNotEmpty();
        assertThat(lines.get(0)).as(all).startsWith(command + ": ");
        assertThat(lines.subList(1, lines.size())).as("after the message only hints: " + all)
                .allMatch(l -> l.startsWith("Try '") || l.startsWith("Did you mean") || l.startsWith("Possible solutions")
                        || l.startsWith("        "));
        assertThat(out).as("nothing on stdout: " + all).isEmpty();
    }
}
