package io.taskshard.bench;

import java.util.List;
import java.util.Map;

/**
 * What one load run measured (the JSON form is these records as they are).
 *
 * @param label             "warmup" or "run"
 * @param wallMs            from the first connect until every peer had job-complete and all acks
 * @param joinMs            from the first connect until the last peer was welcomed
 * @param joinCpuMs         process CPU spent joining (hellos carry the whole schema)
 * @param runMs             the throughput window: from the last welcome (peers held their work until
 *                          then) or, without holding, from the first assign, to the first job-complete
 * @param tasksPerSec       tasks / runMs
 * @param window            the measured window in wall-clock time, to line it up with a profile
 * @param assignLatency     finished sent -> next assign on that peer
 * @param assignLatencyBehindTaskDone the part of those samples where a task-done frame reached the
 *                          peer while its slot waited (the assign queued behind it on the socket)
 * @param resources         CPU, GC and heap in the measured window (with holding: after the join)
 * @param liveHeapMb        heap in use after a full GC once the job completed, peers still connected
 *                          (with an in-process server: mostly the coordinator's state)
 * @param coordinatorBatches transactions the coordinator committed in the window (from /metrics; -1 unknown)
 * @param tasksPerBatch     tasks / coordinatorBatches
 */
record LoadResult(
        String label,
        Settings settings,
        long wallMs,
        long joinMs,
        long joinCpuMs,
        double runMs,
        double tasksPerSec,
        Window window,
        Latency assignLatency,
        Latency assignLatencyBehindTaskDone,
        Frames frames,
        ProcessMeter.Usage resources,
        double liveHeapMb,
        double cpuUsPerTask,
        long coordinatorBatches,
        double tasksPerBatch,
        Check check) {

    /** Start and end of the measured window, epoch milliseconds. */
    record Window(long startEpochMs, long endEpochMs) {
    }

    /** How the run was set up. */
    record Settings(String server, int peers, int slots, int tasks, boolean holdUntilAllJoined, boolean sendStarted,
                    long taskDurationMs, int httpClients) {
    }

    /** Frames the peers exchanged. {@code taskDoneMb}: UTF-16 chars of task-done text received, in millions. */
    record Frames(long assigns, long finishedSent, long acks, long taskDoneFrames, double taskDoneMchars,
                  long cancels) {
    }

    /**
     * Correctness: every task assigned (and so finished) exactly once, every finished acked,
     * one job, outcome success, no error frames.
     */
    record Check(int tasksAssignedOnce, int tasksNeverAssigned, int tasksAssignedTwiceOrMore, int unknownTaskIds,
                 long unackedFinished, List<Long> jobs, List<String> outcomes, List<String> errors) {
        boolean ok() {
            return tasksNeverAssigned == 0 && tasksAssignedTwiceOrMore == 0 && unknownTaskIds == 0
                    && unackedFinished == 0 && jobs.size() == 1 && outcomes.equals(List.of("success"))
                    && errors.isEmpty();
        }

        /** Why {@link #ok()} is false, or "ok". */
        String describe() {
            if (ok()) {
                return "ok: every task assigned and finished exactly once, all acked, one job, success";
            }
            return "FAILED: " + Map.of("assignedOnce", tasksAssignedOnce, "neverAssigned", tasksNeverAssigned,
                    "assignedTwiceOrMore", tasksAssignedTwiceOrMore, "unknownTaskIds", unknownTaskIds,
                    "unackedFinished", unackedFinished, "jobs", jobs, "outcomes", outcomes,
                    "errors", errors.size() > 5 ? errors.subList(0, 5) : errors);
        }
    }
}
