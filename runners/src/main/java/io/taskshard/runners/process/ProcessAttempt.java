package io.taskshard.runners.process;

import io.taskshard.protocol.Outcome;
import io.taskshard.runners.spi.BaseRunHandle;
import io.taskshard.runners.spi.RunHandle;
import io.taskshard.runners.spi.RunListener;
import io.taskshard.runners.spi.TaskRun;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt as a child process: stdout and stderr merged into the log, stdin closed, the exit
 * code mapped by an {@link ExitVerdict.Interpreter}; on cancel or timeout the whole process tree
 * is killed ({@link ProcessTree}) before the result completes.
 *
 * <p>Threads: one reads the output, one waits for the exit and completes the result, and a
 * stop adds one that kills the tree (it may block for the kill grace).
 */
public final class ProcessAttempt extends BaseRunHandle {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessAttempt.class);
    private static final int READ_CHUNK_CHARS = 8192;

    private final ProcessSettings settings;
    private final ExitVerdict.Interpreter interpreter;
    private final AtomicBoolean killing = new AtomicBoolean();
    private final CompletableFuture<ProcessTree.KillReport> killed = new CompletableFuture<>();
    private volatile Process process;

    private ProcessAttempt(String runnerName, TaskRun run, RunListener listener, Clock clock,
                           ProcessSettings settings, ExitVerdict.Interpreter interpreter) {
        super(runnerName, run, listener, clock, settings.tailBytes());
        this.settings = settings;
        this.interpreter = interpreter;
    }

    /** Starts {@code launch} in the run's working directory; returns at once. */
    public static RunHandle start(String runnerName, TaskRun run, RunListener listener, Clock clock,
                                  ProcessSettings settings, ExitVerdict.Interpreter interpreter, Launch launch) {
        ProcessAttempt attempt = new ProcessAttempt(runnerName, run, listener, clock, settings, interpreter);
        attempt.launch(launch);
        return attempt;
    }

    private void launch(Launch launch) {
        TaskRun run = run();
        ProcessBuilder builder = new ProcessBuilder(launch.argv())
                .directory(run.workDir().toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(launch.env());
        Process started;
        try {
            started = builder.start();
        } catch (IOException | RuntimeException e) {
            LOG.warn("lease {} (task '{}'): could not start {} in {}", run.lease(), run.taskId(), launch.argv(), run.workDir(), e);
            note("could not start " + launch.display() + " in " + run.workDir() + ": " + e.getMessage());
            finish(Outcome.ERROR, null, null);
            return;
        }
        // Set before begin(): nothing can stop the attempt earlier (the caller has no handle yet,
        // the timeout is armed by begin()), so onStop always finds the process.
        process = started;
        closeStdin(started);
        begin();
        note("running " + launch.display() + " in " + run.workDir() + " (pid " + started.pid() + ")");
        Thread reader = daemon("output", () -> pump(started));
        daemon("exit", () -> awaitExit(started, reader));
    }

    @Override
    protected void onStop(Stop stop) {
        if (process != null) {
            killTree();
        }
    }

    private void killTree() {
        Process p = process;
        if (!killing.compareAndSet(false, true)) {
            return;
        }
        daemon("kill", () -> {
            try {
                ProcessTree.KillReport report = ProcessTree.kill(p.toHandle(), settings.killGraceMs());
                if (!report.survivors().isEmpty()) {
                    note("processes still alive after SIGKILL: " + report.survivors());
                } else if (report.forced() > 0) {
                    note("killed " + report.forced() + " process(es) with SIGKILL after a grace of " + settings.killGraceMs() + "ms");
                }
                killed.complete(report);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                killed.completeExceptionally(e);
            } catch (RuntimeException e) {
                LOG.error("lease {}: killing process tree of pid {} failed", run().lease(), p.pid(), e);
                killed.completeExceptionally(e);
            }
        });
    }

    private void pump(Process p) {
        try (Reader in = new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)) {
            char[] buf = new char[READ_CHUNK_CHARS];
            int n;
            while ((n = in.read(buf)) >= 0) {
                output(new String(buf, 0, n));
            }
        } catch (IOException e) {
            // A killed process can close the pipe under us; anything else is worth a line.
            if (stopRequest() == null) {
                LOG.warn("lease {}: reading the output of pid {} failed", run().lease(), p.pid(), e);
                note("could not read the rest of the output: " + e.getMessage());
            }
        }
    }

    private void awaitExit(Process p, Thread reader) {
        int code;
        try {
            code = p.waitFor();
            ended();
            awaitKill(); // when stopping, descendants may hold the output open until they die
            reader.join(settings.drainMs());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("lease {}: interrupted while waiting for pid {}", run().lease(), p.pid(), e);
            finishUnlessStopped(Outcome.ERROR, null, null, "interrupted while waiting for the process");
            finishStoppedIfRequested(null);
            return;
        }
        if (reader.isAlive() && stopRequest() == null) {
            note("the process exited but its output is still open (a background process keeps it?); not waiting for it");
        }
        ExitVerdict verdict = interpreter.interpret(code);
        if (!finishUnlessStopped(verdict.outcome(), code, verdict.retryable(), verdict.note())) {
            finishStoppedIfRequested(code);
        }
    }

    /** After a stop: waits until the tree is dead, then completes the result as stopped. */
    private void finishStoppedIfRequested(Integer exitCode) {
        if (stopRequest() == null) {
            return;
        }
        try {
            awaitKill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("lease {}: interrupted while waiting for the process tree to die", run().lease(), e);
        }
        finishStopped(exitCode);
    }

    /**
     * When a stop was requested, makes sure the kill runs (the stopping thread may not have got
     * to {@link #onStop} yet) and waits until it is done.
     */
    private void awaitKill() throws InterruptedException {
        if (stopRequest() == null || process == null) {
            return;
        }
        killTree();
        try {
            killed.get();
        } catch (ExecutionException e) {
            note("could not kill the process tree: " + e.getCause());
        }
    }

    private void closeStdin(Process p) {
        try {
            p.getOutputStream().close(); // a command that reads stdin gets EOF instead of hanging
        } catch (IOException e) {
            LOG.warn("lease {}: could not close stdin of pid {}", run().lease(), p.pid(), e);
        }
    }

    private Thread daemon(String role, Runnable body) {
        return Thread.ofPlatform().daemon().name(runnerThreadName(role)).start(body);
    }

    private String runnerThreadName(String role) {
        return "run-" + run().lease() + "-" + role;
    }
}
