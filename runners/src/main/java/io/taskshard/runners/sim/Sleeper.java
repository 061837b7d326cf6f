package io.taskshard.runners.sim;

/**
 * How the simulated runner waits. The real one is {@link Thread#sleep}; tests and the
 * discrete-event simulator pass one that advances a virtual clock instead. An implementation
 * must throw {@link InterruptedException} when the sleeping thread is interrupted: that is how
 * a cancel stops the attempt.
 */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = Thread::sleep;

    void sleep(long millis) throws InterruptedException;
}
