package io.taskshard.tui;

import java.io.Console;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the dashboard can take over this process's terminal. From JDK 22 on
 * {@link System#console()} is not null even without a terminal, so {@code Console.isTerminal()}
 * (JDK 22+, called by reflection as we compile for 21) has the last word where it exists.
 */
public final class TerminalCheck {
    private TerminalCheck() {
    }

    /** Empty when standard input and output are a usable terminal; otherwise why not. */
    public static Optional<String> whyNot() {
        return whyNot(System.console(), System.getenv());
    }

    static Optional<String> whyNot(Console console, Map<String, String> env) {
        if (console == null || !isTerminal(console)) {
            return Optional.of("standard input or output is not a terminal");
        }
        String term = env.get("TERM");
        if (term == null || term.isBlank() || term.equals("dumb")) {
            return Optional.of("the terminal type (TERM=" + (term == null ? "" : term) + ") cannot show the dashboard");
        }
        return Optional.empty();
    }

    private static boolean isTerminal(Console console) {
        Method isTerminal;
        try {
            isTerminal = Console.class.getMethod("isTerminal");
        } catch (NoSuchMethodException e) {
            return true; // JDK 21: a console exists only when both are a terminal
        }
        try {
            return (Boolean) isTerminal.invoke(console);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot ask the JDK whether this is a terminal", e);
        }
    }
}
