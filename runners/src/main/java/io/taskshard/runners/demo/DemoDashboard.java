package io.taskshard.runners.demo;

import java.util.Optional;

/**
 * A dashboard {@code taskshard demo} opens on its embedded coordinator instead of printing
 * text. Found with {@link java.util.ServiceLoader}: app-tui provides {@code "tui"} (the
 * default), app-gui provides {@code "gui"} ({@code demo --gui}). A dashboard talks to the
 * coordinator only through the operator API at {@link DemoSession#server()}, like any remote UI.
 *
 * <p>While {@link #show} runs the dashboard owns the terminal or the screen: the demo prints
 * nothing until it returns, then prints the job's end and the comparison table as in text mode.
 */
public interface DemoDashboard {
    /** {@code "tui"} or {@code "gui"}: what {@code taskshard demo} asks for. */
    String name();

    /**
     * Empty when the dashboard can open here; otherwise why not, in words for the user ("standard
     * output is not a terminal", "no display: DISPLAY is not set"). The demo then says so and runs
     * in text mode (for the default dashboard) or stops (when {@code --gui} was asked for).
     */
    Optional<String> unavailableReason();

    /**
     * Shows the demo until the user quits (the session's job may still be running then: the demo
     * stops its peers). Blocks the calling thread. Exceptions end the demo with exit code 1 and
     * their message.
     */
    void show(DemoSession session) throws Exception;
}
