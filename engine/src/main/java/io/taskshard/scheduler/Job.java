package io.taskshard.scheduler;

import io.taskshard.model.JobKind;
import io.taskshard.model.JobRecord;
import io.taskshard.model.JobState;
import io.taskshard.model.RepoEntry;
import io.taskshard.model.TaskCounts;
import io.taskshard.model.TaskState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Mutable scheduler-side state of one job. */
final class Job {
    final long id;
    final JobKind kind;
    final String name;
    final String schemaHash;
    final String cacheId;
    final boolean complexPatchset;
    final long createdAt;
    /**
     * The token whose peer started this shared job ("" with auth off), for the per-token limits;
     * null for submitted jobs and for jobs recovered after a restart (the store does not keep it).
     */
    String owner;
    /** Since when the job has had no peer (creation, or its last peer leaving); see abandonment. */
    long idleSince;
    /** The group's repo state: repo -> base ref and every patchset (main and additional) seen. */
    final Map<String, GroupRepo> repos = new LinkedHashMap<>();
    final List<TaskRun> tasks = new ArrayList<>();
    final Map<String, TaskRun> byTaskId = new HashMap<>();
    /** Member peers (connected or within their grace period), in join order. */
    final Set<Peer> peers = new LinkedHashSet<>();
    /**
     * Members that may have a free slot: added whenever a peer's capacity may have grown (it
     * joined, an attempt of it ended, it was undrained), dropped by dispatch once it is full or
     * cannot take work. Dispatch visits these instead of every member, which made each finished
     * task cost O(peers) in a job with thousands of peers.
     */
    final Set<Peer> mayTakeWork = new LinkedHashSet<>();
    /** Task-done entries not yet sent to the peers (coalesced, staggered by peer group). */
    final DoneBroadcast done = new DoneBroadcast();
    JobState state = JobState.RUNNING;
    long finishedAt;
    int endedTasks;
    int liveAttempts;
    /** A task failed for good: nothing new starts, the job fails once nothing runs. */
    boolean failing;
    boolean cancelRequested;
    final List<String> failedTasks = new ArrayList<>();
    /** Tasks per state, indexed by {@link TaskState#ordinal()}; kept by {@link TaskRun#moveTo}. */
    private final int[] tasksByState = new int[TaskState.values().length];
    /**
     * The counts changed since the job's record last went out: the scheduler publishes it at the
     * end of the event ({@link Scheduler#handle}), so dashboards never show a running task as
     * ready (an assign changes no other job field, and sent no job record).
     */
    private boolean countsUnpublished;
    private final Set<Job> countsChanged;

    /** @param countsChanged where the job registers itself when its counts change (State.countsTouched) */
    Job(long id, JobKind kind, String name, String schemaHash, String cacheId, boolean complexPatchset,
        long createdAt, Set<Job> countsChanged) {
        this.countsChanged = countsChanged;
        this.id = id;
        this.kind = kind;
        this.name = name;
        this.schemaHash = schemaHash;
        this.cacheId = cacheId;
        this.complexPatchset = complexPatchset;
        this.createdAt = createdAt;
        this.idleSince = createdAt;
    }

    /** One repository of a group: all members share the base ref; patchsets accumulate. */
    static final class GroupRepo {
        final String baseRef;
        final Set<String> patchsets = new LinkedHashSet<>();

        GroupRepo(String baseRef) {
            this.baseRef = baseRef;
        }
    }

    void addRepoState(Map<String, RepoEntry> repoState) {
        repoState.forEach((repo, entry) -> {
            GroupRepo g = repos.computeIfAbsent(repo, r -> new GroupRepo(entry.baseRef()));
            if (entry.patchset() != null) {
                g.patchsets.add(entry.patchset());
            }
            g.patchsets.addAll(entry.additionalPatchsets());
        });
    }

    void countMove(TaskState from, TaskState to) {
        if (from != null) {
            tasksByState[from.ordinal()]--;
        }
        tasksByState[to.ordinal()]++;
        if (!countsUnpublished) {
            countsUnpublished = true;
            countsChanged.add(this);
        }
    }

    /** Whether the counts changed since {@link #published()}. */
    boolean countsUnpublished() {
        return countsUnpublished;
    }

    /** The job's record as a change to persist and stream; the counts are then published. */
    io.taskshard.model.Change.JobChanged published() {
        countsUnpublished = false;
        return new io.taskshard.model.Change.JobChanged(toRecord());
    }

    TaskCounts counts() {
        return TaskCounts.of(tasksByState);
    }

    boolean allTasksEnded() {
        return endedTasks == tasks.size();
    }

    /** Still accepts peers: running, or ended but someone who took part is still here. */
    boolean isJoinable() {
        return state == JobState.RUNNING || !peers.isEmpty();
    }

    Map<String, RepoEntry> repoStateView() {
        Map<String, RepoEntry> view = new LinkedHashMap<>();
        repos.forEach((repo, g) -> view.put(repo, new RepoEntry(g.baseRef, null, List.copyOf(g.patchsets))));
        return view;
    }

    JobRecord toRecord() {
        return new JobRecord(id, kind, name, schemaHash, cacheId, repoStateView(), complexPatchset, state,
                tasks.size(), endedTasks, counts(), failedTasks, createdAt, finishedAt);
    }
}
