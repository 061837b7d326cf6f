package io.taskshard.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.taskshard.server.ServerConfig;
import io.taskshard.server.TaskshardServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing the dashboard ends the process: a real child JVM (taskshard's own main, headless on
 * Monocle) opens the GUI, a side thread presses its Ctrl+Q, and the process must exit, its
 * embedded coordinator must stop listening, and the demo must print its comparison table.
 */
class GuiProcessExitTest {
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration EXIT = Duration.ofSeconds(30);
    private static final Pattern LISTENING = Pattern.compile("coordinator listening on (?:http://)?([^:\\s]+):(\\d+)");

    @TempDir
    Path dir;

    private Process child;

    @AfterEach
    void kill() {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
        }
    }

    @Test
    void closing_the_embedded_gui_ends_the_process_and_its_coordinator() throws Exception {
        Path close = dir.resolve("close-now");
        Path out = dir.resolve("out.txt");
        child = start(out, "file:" + close, "gui", "--port", "0", "--data", dir.resolve("data").toString());
        await().atMost(START).until(() -> LISTENING.matcher(read(out)).find());
        Matcher m = LISTENING.matcher(read(out));
        assertThat(m.find()).isTrue();
        int port = Integer.parseInt(m.group(2));
        assertThat(healthz(port)).isEqualTo(200);

        Files.writeString(close, "now");

        assertThat(child.waitFor(EXIT.toSeconds(), TimeUnit.SECONDS))
                .as("the process ends when its window closes; output:%n%s", read(out)).isTrue();
        assertThat(child.exitValue()).isZero();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void closing_a_gui_attached_to_a_server_ends_the_process() throws Exception {
        try (TaskshardServer server = new TaskshardServer(ServerConfig.defaults(dir.resolve("server")).withPort(0))) {
            int port = server.start();
            Path close = dir.resolve("close-now");
            Path out = dir.resolve("out.txt");
            child = start(out, "file:" + close, "gui", "--server", "127.0.0.1:" + port);
            Files.writeString(close, "now"); // the closer presses Ctrl+Q as soon as the window shows
            assertThat(child.waitFor(START.toSeconds() + EXIT.toSeconds(), TimeUnit.SECONDS))
                    .as("the process ends when its window closes; output:%n%s", read(out)).isTrue();
            assertThat(child.exitValue()).isZero();
            assertThat(read(out)).contains("test-closer: pressing Ctrl+Q");
        }
    }

    @Test
    void closing_the_demo_gui_after_the_job_ends_prints_the_comparison_and_exits() throws Exception {
        Path out = dir.resolve("out.txt");
        child = start(out, "notice", "demo", "--gui", "--speed", "50");
        assertThat(child.waitFor(START.toSeconds() + EXIT.toSeconds(), TimeUnit.SECONDS))
                .as("the demo ends when its window closes; output:%n%s", read(out)).isTrue();
        String text = read(out);
        assertThat(text).contains("test-closer: pressing Ctrl+Q").contains("ended:").contains("linear")
                .contains("sharded");
        assertThat(child.exitValue()).as(text).isZero();
    }

    private Process start(Path out, String signal, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw",
                "-Dheadless.geometry=1600x1200-32", "-Djava.awt.headless=true",
                "-Duser.home=" + dir.resolve("home"),
                QuitOnSignalMain.class.getName(), signal));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        pb.environment().put("XDG_DATA_HOME", dir.resolve("share").toString());
        return pb.start();
    }

    private static int healthz(int port) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    private static String read(Path out) {
        try {
            return Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
