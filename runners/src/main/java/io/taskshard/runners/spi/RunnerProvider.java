package io.taskshard.runners.spi;

import java.util.Map;

/**
 * Makes runners of one kind; found with {@link java.util.ServiceLoader}. To ship a runner in a
 * jar: implement this (public, with a public no-argument constructor), list the class in
 * {@code META-INF/services/io.taskshard.runners.spi.RunnerProvider}, and put the jar on the
 * peer's classpath. See docs/runners.md.
 */
public interface RunnerProvider {

    /** The name the runner is chosen by, e.g. {@code shell}; lower case, unique on the classpath. */
    String name();

    /** One line for help output. */
    String description();

    /**
     * The options {@link #create} understands, each with a one-line help text. {@link Runners}
     * refuses any other key, so a typo is an error rather than a silently ignored setting.
     */
    Map<String, String> options();

    /**
     * Creates a runner with these settings, checked now.
     *
     * @throws IllegalArgumentException naming the option that is wrong and why
     */
    Runner create(RunnerConfig config);
}
