package io.taskshard.runners.cli;

import java.io.Console;

/** Whether output goes to a person at a terminal (live progress line) or to a log (plain lines). */
final class Terminal {
    private Terminal() {
    }

    /** A terminal a person watches: not a CI log, not a pipe, not {@code TERM=dumb}. */
    static boolean interactive() {
        Console console = System.console();
        if (console == null || "dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            // Java 22+: System.console() may exist without a terminal; isTerminal() tells.
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // Java 21: a console is a terminal
        }
    }

    /** The terminal's width from {@code COLUMNS}, else {@link ConsoleReporter#DEFAULT_WIDTH}. */
    static int width() {
        try {
            return Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "").trim());
        } catch (NumberFormatException e) {
            return ConsoleReporter.DEFAULT_WIDTH;
        }
    }
}
