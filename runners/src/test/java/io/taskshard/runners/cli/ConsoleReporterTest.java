package io.taskshard.runners.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.protocol.Outcome;
import io.taskshard.runners.peer.PeerListener.Assignment;
import io.taskshard.runners.peer.PeerListener.JobProgress;
import io.taskshard.runners.spi.RunResult;
import io.taskshard.runners.testing.TestClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConsoleReporterTest {
    final StringWriter text = new StringWriter();
    final TestClock clock = new TestClock();
    final URI server = URI.create("ws://coord:7070/v1/peer");

    ConsoleReporter reporter(ConsoleReporter.Mode mode, boolean quiet, int width) {
        return new ConsoleReporter(new PrintWriter(text, true), mode, quiet, clock, width);
    }

    @Test
    void theLiveLineShowsTheBarWhatRunsForHowLongAndThePeers() {
        try (ConsoleReporter r = reporter(ConsoleReporter.Mode.LIVE, false, 200)) {
            assertThat(r.line()).isEqualTo("connecting…");
            r.connected(server, new JobProgress(12, "ci", 14, 40, 0, 0), false);
            r.assigned(new Assignment(41, "//a:b", 1));
            clock.advance(Duration.ofSeconds(9));
            r.assigned(new Assignment(42, "//c:d", 1));
            clock.advance(Duration.ofSeconds(3));
            r.progress(new JobProgress(12, "ci", 20, 40, 1, 3));

            assertThat(r.line()).isEqualTo(
                    "job 12 [#####.....] 20/40 done, 1 failed · running: //a:b (12s), //c:d (3s) · 3 peers");
            r.finished(new Assignment(41, "//a:b", 1), new RunResult(Outcome.SUCCESS, 0, 12_000, "", null));
            assertThat(r.line()).contains("running: //c:d (3s)").doesNotContain("//a:b");
        }
        assertThat(text.toString()).contains("\r\u001b[2K").contains("connected to " + server);
    }

    @Test
    void aLongLiveLineIsCutToTheTerminalWidth() {
        try (ConsoleReporter r = reporter(ConsoleReporter.Mode.LIVE, false, 60)) {
            r.connected(server, new JobProgress(1, "ci", 0, 10, 0, 0), false);
            IntStream.range(0, 10).forEach(i -> r.assigned(new Assignment(i, "//very/long/package:target_" + i, 1)));
            assertThat(r.line()).hasSize(59).endsWith("…");
        }
    }

    @Test
    void plainModeLogsEachAttemptAndAFailureWithTheEndOfItsLog() {
        String log = IntStream.rangeClosed(1, 60).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
        try (ConsoleReporter r = reporter(ConsoleReporter.Mode.PLAIN, false, 80)) {
            r.connected(server, new JobProgress(3, "ci", 0, 2, 0, 0), false);
            r.assigned(new Assignment(7, "//ok", 1));
            r.finished(new Assignment(7, "//ok", 1), new RunResult(Outcome.SUCCESS, 0, 1_500, "", null));
            r.assigned(new Assignment(8, "//bad", 2));
            r.finished(new Assignment(8, "//bad", 2), new RunResult(Outcome.FAILURE, 2, 800, log, false));
        }
        String out = text.toString();
        assertThat(out).contains("connected to ws://coord:7070/v1/peer: job 3 'ci', 0/2 tasks done",
                "start //ok (lease 7)", "done  //ok: success in 1.5s", "start //bad (lease 8, attempt 2)",
                "FAILED //bad (attempt 2): failure, exit code 2 after 800ms (not retryable); the last 40 lines of its log:",
                "| line 60", "| line 21");
        assertThat(out).doesNotContain("| line 20\n").doesNotContain("\u001b");
        assertThat(out.lines()).allMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d .*"));
    }

    @Test
    void quietModeKeepsOnlyProblems() {
        try (ConsoleReporter r = reporter(ConsoleReporter.Mode.PLAIN, true, 80)) {
            r.connected(server, new JobProgress(3, "ci", 0, 2, 0, 0), false);
            r.assigned(new Assignment(7, "//ok", 1));
            r.finished(new Assignment(7, "//ok", 1), new RunResult(Outcome.SUCCESS, 0, 1_500, "", null));
            assertThat(text.toString()).isEmpty();

            r.disconnected("connection broken: reset", Duration.ofMillis(400));
            r.disconnected("connection refused", Duration.ofMillis(800));
            r.disconnected("connection refused", Duration.ofMillis(1600)); // every retry: printed once
            r.finished(new Assignment(8, "//bad", 1), new RunResult(Outcome.ERROR, null, 5, "", null));
            r.notice("the coordinator says schema-conflict: …");
        }
        assertThat(text.toString().split("connection refused", -1)).hasSize(2);
        assertThat(text.toString()).contains("lost the coordinator (connection broken: reset); reconnecting in 400ms",
                "FAILED //bad (attempt 1): error after 5ms; it printed nothing", "note: the coordinator says");
    }
}
