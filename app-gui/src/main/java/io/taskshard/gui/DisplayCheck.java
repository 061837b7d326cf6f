package io.taskshard.gui;

import java.util.Map;
import java.util.Optional;

/**
 * Whether a JavaFX window can open here: a display (X11 {@code DISPLAY} or Wayland
 * {@code WAYLAND_DISPLAY}), or Monocle's headless platform ({@code -Dglass.platform=Monocle}, as
 * the tests run). Pure: environment and properties are passed in.
 */
public final class DisplayCheck {
    private DisplayCheck() {
    }

    /** Empty when a window can open; else why not, for the user. */
    public static Optional<String> unavailableReason(Map<String, String> env, String glassPlatform) {
        if ("Monocle".equalsIgnoreCase(glassPlatform)) {
            return Optional.empty();
        }
        if (!blank(env.get("DISPLAY")) || !blank(env.get("WAYLAND_DISPLAY"))) {
            return Optional.empty();
        }
        return Optional.of("no display: neither DISPLAY nor WAYLAND_DISPLAY is set"
                + " (run it on a desktop, over 'ssh -X', or under xvfb-run)");
    }

    /** For this process. */
    public static Optional<String> unavailableReason() {
        return unavailableReason(System.getenv(), System.getProperty("glass.platform"));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
