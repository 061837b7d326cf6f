package io.taskshard.runners.sim;

import io.taskshard.protocol.Outcome;
import io.taskshard.runners.spi.BaseRunHandle;
import io.taskshard.runners.spi.FailedRun;
import io.taskshard.runners.spi.RunHandle;
import io.taskshard.runners.spi.RunListener;
import io.taskshard.runners.spi.Runner;
import io.taskshard.runners.spi.TaskRun;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pretends to run tasks: sleeps as long as {@link SimPlan} says and ends as it says. For demos,
 * load tests and tests of everything around the runner. Each attempt sleeps on its own virtual
 * thread; cancel interrupts the sleep. Timeouts are part of the plan (an attempt longer than its
 * timeout sleeps the timeout and fails), so they are exact under a virtual clock too.
 */
public final class SimRunner implements Runner {
    public static final String NAME = "sim";
    private static final Logger LOG = LoggerFactory.getLogger(SimRunner.class);

    private final SimSettings settings;
    private final Clock clock;
    private final Sleeper sleeper;

    /**
     * @param clock   measures the attempt's duration
     * @param sleeper waits; pass one tied to {@code clock} to run in virtual time
     */
    public SimRunner(SimSettings settings, Clock clock, Sleeper sleeper) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    public SimRunner(SimSettings settings) {
        this(settings, Clock.systemUTC(), Sleeper.REAL);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RunHandle start(TaskRun run, RunListener listener) {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(listener, "listener");
        SimPlan plan;
        try {
            plan = SimPlan.of(run, settings);
        } catch (IllegalArgumentException e) {
            return FailedRun.of(NAME, run, e.getMessage(), false);
        }
        SimAttempt attempt = new SimAttempt(run, listener, plan);
        attempt.thread.start();
        return attempt;
    }

    private final class SimAttempt extends BaseRunHandle {
        private final SimPlan plan;
        private final Thread thread;

        SimAttempt(TaskRun run, RunListener listener, SimPlan plan) {
            super(NAME, run, listener, clock, settings.tailBytes());
            this.plan = plan;
            this.thread = Thread.ofVirtual().name("sim-" + run.lease()).unstarted(this::body);
        }

        private void body() {
            begin();
            plan.notes().forEach(this::note);
            try {
                sleeper.sleep(plan.sleepMs());
            } catch (InterruptedException e) {
                if (stopRequest() == null) {
                    LOG.warn("lease {}: simulated attempt interrupted without a cancel", run().lease(), e);
                    finish(Outcome.ERROR, null, null);
                } else {
                    finishStopped(null);
                }
                return;
            }
            if (!finishUnlessStopped(plan.outcome(), plan.exitCode(), plan.retryable(), plan.endNote())) {
                finishStopped(null);
            }
        }

        @Override
        protected boolean armsTimeout() {
            return false; // the plan has the timeout in it, exact under a virtual clock too
        }

        @Override
        protected void onStop(Stop stop) {
            thread.interrupt();
        }
    }
}
