package io.taskshard.runners.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.cli.Main;
import io.taskshard.client.OperatorClient;
import io.taskshard.model.JobRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The demo with a dashboard: what the dashboard is given, and what the demo does when it closes. */
class DemoDashboardTest {
    private static final Duration DEMO_LIMIT = Duration.ofSeconds(60);

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int demo(DemoDashboard dashboard, String... args) {
        CommandLine cli = new CommandLine(new DemoCommand(List.of(dashboard)));
        cli.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    /** Waits for the end like a user who watches the job finish, reading the jobs through the operator API. */
    private static class WatchingDashboard implements DemoDashboard {
        final AtomicReference<DemoSession.Outcome> ended = new AtomicReference<>();
        final AtomicReference<List<JobRecord>> jobsSeen = new AtomicReference<>();

        @Override
        public String name() {
            return "tui";
        }

        @Override
        public Optional<String> unavailableReason() {
            return Optional.empty();
        }

        @Override
        public void show(DemoSession session) throws Exception {
            ended.set(session.outcome().get(DEMO_LIMIT.toSeconds(), TimeUnit.SECONDS));
            try (OperatorClient api = new OperatorClient(session.server())) {
                jobsSeen.set(api.jobs());
            }
        }
    }

    @Test
    void theDashboardSeesTheJobEndThenTheComparisonIsPrinted(@TempDir Path data) {
        WatchingDashboard dashboard = new WatchingDashboard();

        int exit = demo(dashboard, "--speed", "20", "--data", data.toString());

        assertThat(exit).as("stderr: %s", err).isEqualTo(Main.EXIT_OK);
        assertThat(dashboard.ended.get().succeeded()).isTrue();
        assertThat(dashboard.jobsSeen.get()).extracting(JobRecord::id).contains(dashboard.ended.get().jobId());
        assertThat(out.toString()).doesNotContain("[24/24]").contains("job " + dashboard.ended.get().jobId()
                + " ended").contains("lower bound");
    }

    @Test
    void closingTheDashboardEarlyStopsThePeersAndSaysSo(@TempDir Path data) {
        DemoDashboard quitAtOnce = new WatchingDashboard() {
            @Override
            public void show(DemoSession session) {
                assertThat(session.title()).contains("3 simulated peers").contains("24 tasks");
            }
        };

        int exit = demo(quitAtOnce, "--data", data.toString());

        assertThat(exit).isEqualTo(Main.EXIT_FAILURE);
        assertThat(out.toString()).contains("stopped before the job ended");
    }

    @Test
    void anUnavailableDashboardFallsBackToTextAndSaysWhy(@TempDir Path data) {
        DemoDashboard noTerminal = new WatchingDashboard() {
            @Override
            public Optional<String> unavailableReason() {
                return Optional.of("standard output is not a terminal");
            }
        };

        int exit = demo(noTerminal, "--speed", "20", "--data", data.toString());

        assertThat(exit).isEqualTo(Main.EXIT_OK);
        assertThat(err.toString()).contains("text mode, standard output is not a terminal");
        assertThat(out.toString()).contains("[24/24]").contains("lower bound");
    }

    @Test
    void askingForTheDesktopDashboardWhenItIsMissingIsAUsageError() {
        int exit = demo(new WatchingDashboard(), "--gui");

        assertThat(exit).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("cannot open the desktop dashboard: the gui dashboard is not installed"
                + " (found: tui)");
    }
}
