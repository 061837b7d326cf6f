package io.taskshard.runners.testing;

import io.taskshard.runners.spi.RunHandle;
import io.taskshard.runners.spi.RunResult;
import io.taskshard.runners.spi.TaskRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Building task runs and waiting for results in tests. */
public final class Runs {
    /** Upper bound for anything a test waits for; generous for a loaded 2-core machine. */
    public static final Duration PATIENCE = Duration.ofSeconds(30);
    private static long nextLease = 1;

    private Runs() {
    }

    /** A task map from alternating keys and values; "id" first. */
    public static Map<String, Object> task(String id, Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    public static synchronized TaskRun run(Map<String, Object> task, Path workDir) {
        return new TaskRun(nextLease++, 1, (String) task.get("id"), task, 0, workDir, Map.of());
    }

    public static TaskRun withTimeout(TaskRun r, long timeoutMs) {
        return new TaskRun(r.lease(), r.attempt(), r.taskId(), r.task(), timeoutMs, r.workDir(), r.env());
    }

    public static TaskRun withAttempt(TaskRun r, int attempt) {
        return new TaskRun(r.lease(), attempt, r.taskId(), r.task(), r.timeoutMs(), r.workDir(), r.env());
    }

    public static TaskRun withEnv(TaskRun r, Map<String, String> env) {
        return new TaskRun(r.lease(), r.attempt(), r.taskId(), r.task(), r.timeoutMs(), r.workDir(), new HashMap<>(env));
    }

    public static RunResult result(RunHandle handle) {
        try {
            return handle.result().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("no result for task '" + handle.run().taskId() + "'; tail so far:\n" + handle.tail(), e);
        }
    }

    /** Waits until the handle's log has {@code name=<pid>} for every name, returns the pids in that order. */
    public static List<Long> awaitPids(RunHandle handle, String... names) {
        await().atMost(PATIENCE).until(() -> {
            String tail = handle.tail();
            for (String n : names) {
                if (!Pattern.compile("\\b" + n + "=\\d+").matcher(tail).find()) {
                    return false;
                }
            }
            return true;
        });
        String tail = handle.tail();
        return Arrays.stream(names).map(n -> {
            Matcher m = Pattern.compile("\\b" + n + "=(\\d+)").matcher(tail);
            m.find();
            return Long.parseLong(m.group(1));
        }).toList();
    }

    /** Waits until none of these processes exists any more (a zombie does not count). */
    public static void awaitGone(List<Long> pids) {
        await().atMost(PATIENCE).untilAsserted(() -> {
            for (long pid : pids) {
                assertThat(ProcessHandle.of(pid).isPresent())
                        .as("process %d still exists", pid).isFalse();
            }
        });
    }

    /** Kills leftovers of a test that failed half-way, so they do not outlive the build. */
    public static void killQuietly(List<Long> pids) {
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }
}
