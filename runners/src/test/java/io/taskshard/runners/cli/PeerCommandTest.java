package io.taskshard.runners.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.cli.Main;
import io.taskshard.runners.testing.TestCoordinator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** {@code taskshard peer} through the real command line (in this JVM): help, answers, exit codes. */
class PeerCommandTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private static Result run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> full = new ArrayList<>(List.of("peer"));
        full.addAll(args);
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), full.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    private Path schema(String yaml) throws Exception {
        Path file = dir.resolve("tasks.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /** A port nothing listens on (bound, then released). */
    private static int deadPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private List<String> common(String server, Path schema) {
        return List.of("--server", server, "--schema", schema.toString(), "--id", "cli-test",
                "--state-dir", dir.resolve("state").toString(), "--workdir", dir.toString());
    }

    @Test
    void helpListsEveryOptionWithAnExampleAndFullCommandLines() {
        Result r = run(List.of("--help"));

        assertThat(r.code()).isZero();
        CommandLine.Model.CommandSpec spec = new CommandLine(new PeerCommand()).getCommandSpec();
        List<OptionSpec> options = new ArrayList<>(spec.options());
        spec.argGroups().forEach(g -> options.addAll(g.options()));
        for (OptionSpec option : options) {
            assertThat(r.out()).contains(option.longestName());
            boolean flag = option.typeInfo().isBoolean() || option.usageHelp() || option.versionHelp();
            if (!flag) {
                assertThat(String.join(" ", option.description())).as(option.longestName()).contains("E.g. ");
            }
        }
        assertThat(r.out()).contains("Examples:", "taskshard peer --server localhost:7070 --schema",
                "GitHub Actions", "TASKSHARD_TOKEN: ${{ secrets.TASKSHARD_TOKEN }}", "Exit codes:");
    }

    @Test
    void anUnreachableServerIsOneLineAndExitThree() throws Exception {
        int port = deadPort();

        Result r = run(common("127.0.0.1:" + port, schema("name: s\ntasks: [{id: a, command: 'true'}]\n")));

        assertThat(r.code()).as(r.all()).isEqualTo(3);
        assertThat(r.err()).contains("cannot reach the coordinator at ws://127.0.0.1:" + port + "/v1/peer")
                .contains("connection refused").doesNotContain("\tat ");
    }

    @Test
    void fallbackLocalRunsEveryTaskHereWhenTheServerIsUnreachable() throws Exception {
        Path tasks = schema("""
                name: local
                tasks:
                  - {id: a, command: 'echo a >> out.txt'}
                  - {id: b, command: 'echo b >> out.txt', needs: [a]}
                  - {id: c, command: 'echo c >> out.txt', needs: [b]}
                """);
        List<String> args = new ArrayList<>(common("127.0.0.1:" + deadPort(), tasks));
        args.addAll(List.of("--fallback-local", "--slots", "2"));

        Result r = run(args);

        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.all()).contains("--fallback-local: running all 3 tasks", "fell back to a local run");
        assertThat(Files.readAllLines(dir.resolve("out.txt"))).containsExactly("a", "b", "c");
    }

    @Test
    void fallbackLocalExitsOneWhenATaskFails() throws Exception {
        Path tasks = schema("""
                name: local-fail
                tasks:
                  - {id: bad, command: 'echo something broke; exit 5', attempts: 1}
                  - {id: later, command: 'true', needs: [bad]}
                """);
        List<String> args = new ArrayList<>(common("127.0.0.1:" + deadPort(), tasks));
        args.add("--fallback-local");

        Result r = run(args);

        assertThat(r.code()).as(r.all()).isEqualTo(1);
        assertThat(r.all()).contains("FAILED bad", "something broke", "bad, later");
    }

    @Test
    void aBadSchemaIsExitTwoWithFileAndLine() throws Exception {
        Path bad = schema("name: s\ntasks:\n  - {id: a, command: 'true', needs: [nope]}\n");

        Result r = run(common("127.0.0.1:1", bad));

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(bad + ":3:").contains("needs unknown task 'nope'").doesNotContain("\tat ");
    }

    @Test
    void anUnknownRunnerIsExitTwoListingTheKnownOnes() throws Exception {
        List<String> args = new ArrayList<>(common("127.0.0.1:1", schema("name: s\ntasks: [{id: a, command: 'true'}]\n")));
        args.addAll(List.of("--runner", "docker"));

        Result r = run(args);

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown runner 'docker'; available:").contains("shell").contains("sim");
    }

    @Test
    void badAddressesAndValuesAreExitTwo() throws Exception {
        Path ok = schema("name: s\ntasks: [{id: a, command: 'true'}]\n");
        Result scheme = run(common("ftp://coordinator", ok));
        assertThat(scheme.code()).isEqualTo(2);
        assertThat(scheme.err()).contains("scheme 'ftp'");

        List<String> args = new ArrayList<>(common("127.0.0.1:1", ok));
        args.addAll(List.of("--resources", "cpu=lots"));
        Result resources = run(args);
        assertThat(resources.code()).isEqualTo(2);
        assertThat(resources.err()).contains("--resources").contains("'lots' is not a number");

        List<String> slots = new ArrayList<>(common("127.0.0.1:1", ok));
        slots.addAll(List.of("--slots", "0"));
        assertThat(run(slots).err()).contains("--slots must be at least 1");
    }

    @Test
    void aFailingJobIsExitOneAndPrintsTheLogTail() throws Exception {
        try (TestCoordinator coordinator = TestCoordinator.start(dir.resolve("data"), 1_000)) {
            Path tasks = schema("""
                    name: failing
                    tasks:
                      - {id: fine, command: 'echo ok'}
                      - {id: broken, command: 'echo the compiler said no; exit 7', attempts: 1}
                    """);

            Result r = run(common("http://127.0.0.1:" + coordinator.port(), tasks));

            assertThat(r.code()).as(r.all()).isEqualTo(1);
            assertThat(r.out()).contains("FAILED broken", "exit code 7", "| the compiler said no");
            assertThat(r.err()).contains("failed: 1 task(s) failed: broken");
        }
    }

    @Test
    void aSucceedingJobIsExitZeroAndQuietModePrintsOnlyTheSummary() throws Exception {
        try (TestCoordinator coordinator = TestCoordinator.start(dir.resolve("data"), 1_000)) {
            Path tasks = schema("name: fine\ntasks: [{id: a, command: 'echo hello'}, {id: b, command: 'true'}]\n");
            List<String> args = new ArrayList<>(common("ws://127.0.0.1:" + coordinator.port(), tasks));
            args.add("--quiet");

            Result r = run(args);

            assertThat(r.code()).as(r.all()).isZero();
            assertThat(r.out().strip()).startsWith("taskshard peer: job ").contains("succeeded", "ran 2 attempts");
            assertThat(r.out().strip().lines()).hasSize(1);
            assertThat(r.err()).isEmpty();
        }
    }

    @Test
    void aRefusedTokenIsExitTwo() throws Exception {
        try (TestCoordinator coordinator = TestCoordinator.start(io.taskshard.server.ServerConfig
                .defaults(dir.resolve("data")).withPort(0).withPeerToken("secret"))) {
            List<String> args = new ArrayList<>(common("127.0.0.1:" + coordinator.port(),
                    schema("name: s\ntasks: [{id: a, command: 'true'}]\n")));
            args.addAll(List.of("--token", "guess"));

            Result r = run(args);

            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("refused the peer token (HTTP 401)");
        }
    }
}
