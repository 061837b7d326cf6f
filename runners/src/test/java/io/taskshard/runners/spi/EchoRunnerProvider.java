package io.taskshard.runners.spi;

import io.taskshard.protocol.Outcome;
import java.time.Clock;
import java.util.Map;

/**
 * A test-only plug-in, registered in src/test/resources/META-INF/services the way a third-party
 * jar would be: its runner logs the configured message and succeeds at once.
 */
public final class EchoRunnerProvider implements RunnerProvider {
    public static final String NAME = "test-echo";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "test runner: logs its 'message' option and succeeds";
    }

    @Override
    public Map<String, String> options() {
        return Map.of("message", "what to log");
    }

    @Override
    public Runner create(RunnerConfig config) {
        String message = config.string("message", "echo");
        if (message.isBlank()) {
            throw new IllegalArgumentException("runner option 'message' must not be blank");
        }
        return new Runner() {
            @Override
            public String name() {
                return NAME;
            }

            @Override
            public RunHandle start(TaskRun run, RunListener listener) {
                EchoHandle handle = new EchoHandle(run, listener);
                handle.go(message);
                return handle;
            }
        };
    }

    private static final class EchoHandle extends BaseRunHandle {
        EchoHandle(TaskRun run, RunListener listener) {
            super(NAME, run, listener, Clock.systemUTC(), LogTail.DEFAULT_MAX_BYTES);
        }

        void go(String message) {
            begin();
            output(message + " " + run().taskId() + "\n");
            finish(Outcome.SUCCESS, 0, null);
        }

        @Override
        protected void onStop(Stop stop) {
            // Finishes inside start(): nothing left to stop.
        }
    }
}
