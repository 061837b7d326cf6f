package io.taskshard.model;

import java.util.Locale;

/**
 * What a schedule does about fire times that passed while the coordinator was down (or
 * otherwise could not fire them on time).
 */
public enum MisfirePolicy {
    /** Fire once now for all the fire times missed, then go on with the next one. */
    RUN_ONCE,
    /** Forget the missed fire times; go on with the next one. */
    SKIP;

    /** {@code run-once} or {@code skip}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @throws IllegalArgumentException naming the accepted words */
    public static MisfirePolicy parse(String text) {
        for (MisfirePolicy p : values()) {
            if (p.wire().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("misfire policy must be 'run-once' or 'skip', got '" + text + "'");
    }
}
