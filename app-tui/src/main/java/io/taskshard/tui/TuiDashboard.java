package io.taskshard.tui;

import io.taskshard.cli.UserDirs;
import io.taskshard.client.ClientOptions;
import io.taskshard.runners.demo.DemoDashboard;
import io.taskshard.runners.demo.DemoSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The terminal dashboard as {@code taskshard demo} opens it (name {@code "tui"}): the demo's
 * coordinator through its operator API, until the user quits; when the simulated peers are done
 * the top line says how the job ended.
 */
public final class TuiDashboard implements DemoDashboard {
    /** The demo's data is a temporary directory: its log goes to the user's data directory instead. */
    static final String DEMO_LOG_FILE = "tui-demo.log";

    @Override
    public String name() {
        return "tui";
    }

    @Override
    public Optional<String> unavailableReason() {
        return TerminalCheck.whyNot();
    }

    @Override
    public void show(DemoSession session) throws Exception {
        Path dir = UserDirs.current().data();
        Files.createDirectories(dir);
        try (TuiLogging.Redirect logs = TuiLogging.toFile(dir.resolve(DEMO_LOG_FILE))) {
            TuiLauncher.show(session.server(), ClientOptions.defaults(), session.title(), banner(session));
        }
    }

    /** {@code job 1 succeeded - press q to quit} once the demo's peers are done. */
    static CompletionStage<String> banner(DemoSession session) {
        return session.outcome().thenApply(o -> o.jobId() == 0 ? o.message() + " - press q to quit"
                : "job " + o.jobId() + (o.succeeded() ? " succeeded" : " did not succeed: " + o.message())
                        + " - press q to quit");
    }
}
