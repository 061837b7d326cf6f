package io.taskshard.gui;

import io.taskshard.cli.UserDirs;
import io.taskshard.client.ClientOptions;
import io.taskshard.runners.demo.DemoDashboard;
import io.taskshard.runners.demo.DemoSession;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code taskshard demo --gui}: the desktop dashboard on the demo's embedded coordinator. It
 * talks to it only through the operator API, like any remote dashboard; when the simulated
 * peers are done it says how the job ended.
 */
public final class GuiDemoDashboard implements DemoDashboard {
    @Override
    public String name() {
        return "gui";
    }

    @Override
    public Optional<String> unavailableReason() {
        return DisplayCheck.unavailableReason();
    }

    @Override
    public void show(DemoSession session) throws Exception {
        DashboardOptions options = new DashboardOptions(session.server(), ClientOptions.defaults(),
                session.title().replaceFirst("^taskshard ", ""), GuiSettings.load(UserDirs.current().config()),
                Clock.systemUTC(), session.outcome().thenApply(o -> "demo finished: " + o.message() + ". Close the window to see the comparison table in the terminal."));
        GuiLauncher.showAndWait(stage -> new Dashboard(options).show(stage));
    }
}
