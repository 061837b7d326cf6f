package io.taskshard.runners.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds runners by name among the {@link RunnerProvider}s on the classpath. */
public final class Runners {
    private static final Logger LOG = LoggerFactory.getLogger(Runners.class);

    /** Stop looking after this many broken providers, in case the iterator keeps failing on one. */
    private static final int MAX_LOAD_PROBLEMS = 50;

    private Runners() {
    }

    /** {@link #byName(String, RunnerConfig, ClassLoader)} with the thread's context class loader. */
    public static Runner byName(String name, RunnerConfig config) {
        return byName(name, config, Thread.currentThread().getContextClassLoader());
    }

    /**
     * Creates the runner called {@code name} with {@code config}.
     *
     * @throws IllegalArgumentException when no provider has that name (the message lists the
     *                                  available names), two providers claim it, or the config
     *                                  has an option the runner does not know or a bad value
     */
    public static Runner byName(String name, RunnerConfig config, ClassLoader loader) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(config, "config");
        Loaded loaded = load(loader);
        List<RunnerProvider> matches = loaded.providers.stream().filter(p -> p.name().equals(name)).toList();
        if (matches.isEmpty()) {
            String problems = loaded.problems.isEmpty() ? ""
                    : " (providers that failed to load: " + String.join("; ", loaded.problems) + ")";
            throw new IllegalArgumentException("unknown runner '" + name + "'; available: "
                    + String.join(", ", names(loaded.providers)) + problems);
        }
        if (matches.size() > 1) {
            throw new IllegalArgumentException("runner name '" + name + "' is claimed by several providers on the classpath: "
                    + matches.stream().map(p -> p.getClass().getName()).collect(Collectors.joining(", "))
                    + "; remove all jars but one");
        }
        RunnerProvider provider = matches.getFirst();
        Set<String> unknown = new TreeSet<>(config.keys());
        unknown.removeAll(provider.options().keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("runner '" + name + "' has no option " + String.join(", ", unknown)
                    + "; its options: " + String.join(", ", new TreeSet<>(provider.options().keySet())));
        }
        try {
            return provider.create(config);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("runner '" + name + "': " + e.getMessage(), e);
        }
    }

    /** Every provider on the classpath of {@code loader}, sorted by name (for help output). */
    public static List<RunnerProvider> available(ClassLoader loader) {
        return load(loader).providers;
    }

    public static List<RunnerProvider> available() {
        return available(Thread.currentThread().getContextClassLoader());
    }

    private static List<String> names(List<RunnerProvider> providers) {
        return providers.stream().map(RunnerProvider::name).distinct().toList();
    }

    private record Loaded(List<RunnerProvider> providers, List<String> problems) {
    }

    private static Loaded load(ClassLoader loader) {
        List<RunnerProvider> providers = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Iterator<RunnerProvider> it = ServiceLoader.load(RunnerProvider.class, loader).iterator();
        while (problems.size() < MAX_LOAD_PROBLEMS) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                providers.add(it.next());
            } catch (ServiceConfigurationError e) {
                // One broken plug-in jar must not hide the working runners; say what broke.
                LOG.warn("skipping a runner provider that failed to load: {}", e.getMessage(), e);
                problems.add(e.getMessage());
            }
        }
        providers.sort(Comparator.comparing(RunnerProvider::name));
        return new Loaded(List.copyOf(providers), List.copyOf(problems));
    }
}
