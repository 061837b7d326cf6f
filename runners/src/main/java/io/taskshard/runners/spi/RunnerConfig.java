package io.taskshard.runners.spi;

import io.taskshard.model.Durations;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The settings a runner is created with, as text: a peer's command line gives them as
 * {@code key=value} pairs. A key may repeat (e.g. one {@code flag=…} per Bazel flag); a
 * single-valued setting uses the last value. The typed getters say which option is wrong and why.
 *
 * @param options each key's values, in the order given
 */
public record RunnerConfig(Map<String, List<String>> options) {

    /** No settings: every runner's defaults. */
    public static final RunnerConfig EMPTY = new RunnerConfig(Map.of());

    public RunnerConfig {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        (options == null ? Map.<String, List<String>>of() : options).forEach((k, v) -> copy.put(k, List.copyOf(v)));
        options = Collections.unmodifiableMap(copy);
    }

    /**
     * Reads {@code key=value} texts (the value may contain {@code =}).
     *
     * @throws IllegalArgumentException for a text without {@code =} or with an empty key
     */
    public static RunnerConfig parse(List<String> keyValues) {
        Builder b = builder();
        for (String kv : keyValues) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("runner option '" + kv + "' must look like key=value");
            }
            b.add(kv.substring(0, eq).trim(), kv.substring(eq + 1));
        }
        return b.build();
    }

    /** Single values, one per key. */
    public static RunnerConfig of(Map<String, String> single) {
        Builder b = builder();
        single.forEach(b::add);
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Set<String> keys() {
        return options.keySet();
    }

    /** Every value given for {@code key}, in order; empty when none. */
    public List<String> all(String key) {
        return options.getOrDefault(key, List.of());
    }

    /** The last value given for {@code key}. */
    public Optional<String> get(String key) {
        List<String> values = all(key);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.getLast());
    }

    public String string(String key, String dflt) {
        return get(key).orElse(dflt);
    }

    public long longValue(String key, long dflt) {
        return get(key).map(v -> {
            try {
                return Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                throw bad(key, v, "a whole number", e);
            }
        }).orElse(dflt);
    }

    public double doubleValue(String key, double dflt) {
        return get(key).map(v -> {
            try {
                double d = Double.parseDouble(v.trim());
                if (!Double.isFinite(d)) {
                    throw new NumberFormatException("not finite");
                }
                return d;
            } catch (NumberFormatException e) {
                throw bad(key, v, "a number", e);
            }
        }).orElse(dflt);
    }

    /** A duration like {@code 5s} or {@code 1500ms} (or bare milliseconds), in milliseconds. */
    public long durationMillis(String key, long dflt) {
        return get(key).map(v -> {
            try {
                return Durations.parseMillis(v);
            } catch (IllegalArgumentException e) {
                throw bad(key, v, "a duration like 5s or 1500ms", e);
            }
        }).orElse(dflt);
    }

    /** One of {@code allowed} (lower case), case-insensitively. */
    public String choice(String key, String dflt, List<String> allowed) {
        String v = get(key).map(s -> s.trim().toLowerCase(Locale.ROOT)).orElse(dflt);
        if (!allowed.contains(v)) {
            throw new IllegalArgumentException("runner option '" + key + "': '" + v + "' is not one of " + allowed);
        }
        return v;
    }

    private static IllegalArgumentException bad(String key, String value, String expected, Exception cause) {
        return new IllegalArgumentException(
                "runner option '" + key + "': '" + value + "' is not " + expected, cause);
    }

    /** Builds a {@link RunnerConfig}; {@link #add} appends, {@link #set} replaces. */
    public static final class Builder {
        private final Map<String, List<String>> options = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder add(String key, String value) {
            if (key == null || key.isBlank() || value == null) {
                throw new IllegalArgumentException("runner option needs a key and a value, got " + key + "=" + value);
            }
            options.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            return this;
        }

        public Builder set(String key, String value) {
            options.remove(key);
            return add(key, value);
        }

        public RunnerConfig build() {
            return new RunnerConfig(options);
        }
    }
}
