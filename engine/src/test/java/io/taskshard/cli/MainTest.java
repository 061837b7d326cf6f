package io.taskshard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's answers and exit codes (serve itself runs in CoordinatorCrashRestartTest). */
class MainTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void helpListsServeAndExitsZero() {
        Result r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("serve").contains("Usage: taskshard");
    }

    @Test
    void serveHelpShowsEveryFlagAndExamples() {
        Result r = run("serve", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--config", "--bind", "--port", "--data", "--grace", "--heartbeat",
                "Examples:", "taskshard serve --bind 0.0.0.0", "Exit codes");
        assertThat(r.out()).contains("--max-peers", "--max-tasks", "--peer-rate", "--peer-burst", "--max-body-bytes",
                "--sync");
    }

    @Test
    void backupHelpShowsHowToRestoreAndExamples() {
        Result r = run("backup", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("FILE", "--data", "VACUUM INTO", "To restore it", "Examples:",
                "taskshard-$(date +%F).db", "Exit codes");
        assertThat(r.err()).doesNotContain("Could not format");
        assertThat(r.out().lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
    }

    @Test
    void versionIsPrinted() {
        Result r = run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("taskshard ").contains(Main.version());
    }

    @Test
    void aLauncherCommandGoesInFrontOfTheUsersArguments() {
        java.util.Set<String> commands = java.util.Set.of("serve", "gui", "token", "demo");
        assertThat(Main.withLauncherCommand("serve", new String[] {"--port", "0"}, commands))
                .containsExactly("serve", "--port", "0");
        assertThat(Main.withLauncherCommand(" gui ", new String[0], commands)).containsExactly("gui");
        assertThat(Main.withLauncherCommand(null, new String[] {"demo"}, commands)).containsExactly("demo");
        assertThat(Main.withLauncherCommand("", new String[] {"demo"}, commands)).containsExactly("demo");
        assertThat(Main.withLauncherCommand("gui", new String[] {"token", "list"}, commands))
                .as("a packaged launcher is the whole CLI when given a command").containsExactly("token", "list");
        assertThat(Main.withLauncherCommand("gui", new String[] {"tokens"}, commands))
                .as("anything else is the launcher command's argument").containsExactly("gui", "tokens");

        Result r = run(Main.withLauncherCommand("serve", new String[] {"--version"}, java.util.Set.of("serve")));
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("taskshard ").contains(Main.version());
    }

    @Test
    void noCommandIsAUsageError() {
        Result r = run();
        assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("missing command");
    }

    @Test
    void badFlagValuesAreUsageErrorsWithoutStackTraces() {
        Result port = run("serve", "--port", "seven", "--data", dir.toString());
        assertThat(port.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(port.err()).contains("--port").contains("seven").doesNotContain("\tat ");

        Result grace = run("serve", "--grace", "soon", "--data", dir.toString());
        assertThat(grace.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(grace.err()).contains("--grace").contains("bad duration 'soon'");

        Result range = run("serve", "--port", "70000", "--data", dir.toString());
        assertThat(range.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(range.err()).contains("port must be between 0 and 65535, got 70000").doesNotContain("\tat ");

        assertThat(run("serve", "--no-such-flag").code()).isEqualTo(Main.EXIT_USAGE);
    }

    @Test
    void configFileProblemsAreUsageErrorsNamingFileAndKey() throws Exception {
        Path yaml = dir.resolve("server.yaml");
        Files.writeString(yaml, "port: 7070\ngraze: 10s\n");
        Result r = run("serve", "--config", yaml.toString(), "--data", dir.toString());
        assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains(yaml.toString()).contains("unknown key 'graze'").doesNotContain("\tat ");

        Result missing = run("serve", "--config", dir.resolve("none.yaml").toString());
        assertThat(missing.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(missing.err()).contains("no such config file");
    }

    @Test
    void verboseShowsTheStackTrace() throws Exception {
        Path yaml = dir.resolve("server.yaml");
        Files.writeString(yaml, "graze: 10s\n");
        Result r = run("serve", "--verbose", "--config", yaml.toString());
        assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("\tat ");
    }

    @Test
    void flagsOverrideTheConfigFile() throws Exception {
        Path yaml = dir.resolve("server.yaml");
        Files.writeString(yaml, "port: 9000\ngrace: 30s\nbind: 0.0.0.0\n");
        ServeCommand serve = new ServeCommand();
        new picocli.CommandLine(serve).parseArgs("--config", yaml.toString(), "--port", "9100", "--data", dir.toString());
        var config = serve.buildConfig();
        assertThat(config.port()).isEqualTo(9100);
        assertThat(config.graceMs()).isEqualTo(30_000);
        assertThat(config.bind()).isEqualTo("0.0.0.0");
        assertThat(config.dataDir()).isEqualTo(dir);
    }

    @Test
    void aTakenPortIsAConfigurationError() throws Exception { // issue 14: exit 2, was 1
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Result r = run("serve", "--port", String.valueOf(taken.getLocalPort()), "--data", dir.toString());
            assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
            assertThat(r.err()).contains("port " + taken.getLocalPort() + " on 127.0.0.1 is in use");
        }
    }

    @Test
    void defaultDataDirFollowsXdgOrHome() {
        Path d = ServeCommand.defaultDataDir();
        String xdg = System.getenv("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) {
            assertThat(d).isEqualTo(Path.of(xdg, "taskshard"));
        } else {
            assertThat(d).isEqualTo(Path.of(System.getProperty("user.home"), ".local", "share", "taskshard"));
        }
    }
}
