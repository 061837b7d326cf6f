package io.taskshard.runners.process;

import io.taskshard.runners.spi.TaskRun;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables a task's process gets on top of the peer's own environment, later ones winning:
 * the peer's {@link TaskRun#env()}, then the task's {@code env} field, then {@code TASKSHARD_*}
 * variables describing the attempt. Pure.
 */
public final class TaskEnvironment {
    /** The task field holding the task's own variables. */
    public static final String ENV_FIELD = "env";

    private TaskEnvironment() {
    }

    /** @throws IllegalArgumentException when the task's {@code env} field is not a map of plain values */
    public static Map<String, String> of(TaskRun run) {
        Map<String, String> env = new LinkedHashMap<>(run.env());
        env.putAll(run.fields().stringMap(ENV_FIELD));
        env.put("TASKSHARD_TASK_ID", run.taskId());
        env.put("TASKSHARD_LEASE", Long.toString(run.lease()));
        env.put("TASKSHARD_ATTEMPT", Integer.toString(run.attempt()));
        String target = run.target();
        if (target != null) {
            env.put("TASKSHARD_TARGET", target);
        }
        return env;
    }
}
