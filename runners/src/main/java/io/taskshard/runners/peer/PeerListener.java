package io.taskshard.runners.peer;

import io.taskshard.runners.spi.RunResult;
import java.net.URI;
import java.time.Duration;

/**
 * What a {@link PeerClient} tells its user (a console reporter, the demo, a test). Every method
 * has an empty default. Calls come one at a time from the client's own thread: implementations
 * must return quickly and must not call back into the client's blocking methods. An exception
 * thrown here is logged and otherwise ignored.
 */
public interface PeerListener {

    /** A listener that ignores everything. */
    PeerListener NONE = new PeerListener() {
    };

    /** The coordinator welcomed this peer; {@code reconnect} is true after a lost connection. */
    default void connected(URI server, JobProgress job, boolean reconnect) {
    }

    /** The connection is gone; the next try is in {@code retryIn}. */
    default void disconnected(String reason, Duration retryIn) {
    }

    /** This peer was given an attempt (or re-runs one it held before a restart). */
    default void assigned(Assignment assignment) {
    }

    /** An attempt of this peer ended; its {@code finished} is sent (and kept until acked). */
    default void finished(Assignment assignment, RunResult result) {
    }

    /** The coordinator took an attempt back; it is being stopped and its result will not be sent. */
    default void cancelled(Assignment assignment, String reason) {
    }

    /** The job's counters changed ({@code task-done}). */
    default void progress(JobProgress job) {
    }

    /** Something worth telling that does not stop the peer (e.g. a non-fatal coordinator error). */
    default void notice(String message) {
    }

    /** The run is over; {@link PeerClient#run()} returns the same result. */
    default void ended(PeerResult result) {
    }

    /**
     * One attempt.
     *
     * @param lease   the fencing token from {@code assign}
     * @param taskId  the task's id
     * @param attempt 1 for the task's first attempt
     */
    record Assignment(long lease, String taskId, int attempt) {
    }

    /**
     * The job as this peer knows it.
     *
     * @param jobId  the coordinator's job id (0 when none)
     * @param name   the job's (schema's) name
     * @param done   tasks that reached an end state
     * @param total  tasks in the job
     * @param failed tasks that ended with failure
     * @param peers  distinct peers seen finishing tasks of the job since this peer joined
     */
    record JobProgress(long jobId, String name, int done, int total, int failed, int peers) {
    }
}
