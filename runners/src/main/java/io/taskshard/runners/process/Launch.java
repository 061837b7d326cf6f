package io.taskshard.runners.process;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One process to start.
 *
 * @param argv    program and arguments, no shell involved
 * @param env     variables set on top of the peer's own environment
 * @param display how the log shows what runs (e.g. the shell command rather than {@code sh -c …})
 */
public record Launch(List<String> argv, Map<String, String> env, String display) {

    public Launch {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("nothing to launch: empty argv");
        }
        env = Map.copyOf(env);
        Objects.requireNonNull(display, "display");
    }
}
