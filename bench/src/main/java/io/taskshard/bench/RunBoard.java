package io.taskshard.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * What all peers of one load run record together: how often each task was assigned, when the
 * first assign and the first job-complete arrived, when the last peer was welcomed (which
 * releases peers that hold their work until everyone joined). Task ids
 * are {@code t<index>}, so a task's counter is an array slot, not a map entry.
 */
final class RunBoard {
    static final String TASK_ID_PREFIX = "t";

    private final int peers;
    private final AtomicIntegerArray assigned;
    private final AtomicInteger unknownTaskIds = new AtomicInteger();
    private final AtomicLong firstAssignNanos = new AtomicLong(Long.MAX_VALUE);
    private final LongAccumulator firstCompleteNanos = new LongAccumulator(Math::min, Long.MAX_VALUE);
    private final LongAdder finished = new LongAdder();
    private final AtomicInteger welcomed = new AtomicInteger();
    private volatile long allWelcomedNanos = Long.MAX_VALUE;
    /** Completes when the last peer is welcomed; held peers start answering then. */
    final CompletableFuture<Void> allJoined = new CompletableFuture<>();

    RunBoard(int peers, int tasks) {
        this.peers = peers;
        this.assigned = new AtomicIntegerArray(tasks);
    }

    static String taskId(int index) {
        return TASK_ID_PREFIX + index;
    }

    void onAssign(String taskId, long nanos) {
        if (firstAssignNanos.get() == Long.MAX_VALUE) {
            firstAssignNanos.accumulateAndGet(nanos, Math::min);
        }
        int index = indexOf(taskId);
        if (index < 0) {
            unknownTaskIds.incrementAndGet();
        } else {
            assigned.incrementAndGet(index);
        }
    }

    private int indexOf(String taskId) {
        if (taskId == null || !taskId.startsWith(TASK_ID_PREFIX)) {
            return -1;
        }
        try {
            int index = Integer.parseInt(taskId, TASK_ID_PREFIX.length(), taskId.length(), 10);
            return index >= 0 && index < assigned.length() ? index : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    void onFinishedSent() {
        finished.increment();
    }

    void onWelcome(long nanos) {
        if (welcomed.incrementAndGet() == peers) {
            allWelcomedNanos = nanos;
            allJoined.complete(null);
        }
    }

    void onJobComplete(long nanos) {
        firstCompleteNanos.accumulate(nanos);
    }

    long firstAssignNanos() {
        return firstAssignNanos.get();
    }

    long firstCompleteNanos() {
        return firstCompleteNanos.get();
    }

    long allWelcomedNanos() {
        return allWelcomedNanos;
    }

    long finished() {
        return finished.sum();
    }

    int welcomed() {
        return welcomed.get();
    }

    int unknownTaskIds() {
        return unknownTaskIds.get();
    }

    /** Tasks assigned exactly once, never, and more than once. */
    int[] assignmentCounts() {
        int once = 0;
        int never = 0;
        int more = 0;
        for (int i = 0; i < assigned.length(); i++) {
            int n = assigned.get(i);
            if (n == 0) {
                never++;
            } else if (n == 1) {
                once++;
            } else {
                more++;
            }
        }
        return new int[] {once, never, more};
    }
}
