package io.taskshard.auth;

import java.util.Locale;

/**
 * When the server asks for tokens ({@code --auth} / {@code auth:}).
 */
public enum AuthMode {
    /** On as soon as one live token exists; off (with a warning) while there is none. */
    AUTO,
    /** Always on: without a token nobody gets in (except {@code /healthz}). */
    REQUIRED,
    /** Never on, even with tokens: for a coordinator behind an authenticating proxy. */
    OFF;

    public static final AuthMode DEFAULT = AUTO;

    /** @throws IllegalArgumentException naming the modes there are */
    public static AuthMode parse(String text) {
        for (AuthMode m : values()) {
            if (m.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown auth mode '" + text + "'; use auto, required or off");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
