package io.taskshard.server.api;

import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AuditRecord;
import io.taskshard.model.JobRecord;
import io.taskshard.model.JobTemplate;
import io.taskshard.model.PeerRecord;
import io.taskshard.model.RepoEntry;
import io.taskshard.model.Resources;
import io.taskshard.model.ScheduleRecord;
import io.taskshard.model.TaskCounts;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskSpec;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of the operator API and the event stream (docs/operator-api.md). Field
 * names are camelCase and stable; enums are their lower-case wire names; times are epoch
 * milliseconds (0 = not yet); null fields are left out.
 */
public final class ApiViews {
    private ApiViews() {
    }

    /**
     * A job; {@code finishedAt} is 0 while it runs. {@code jobKind} (shared or submitted) is not
     * called {@code kind}: event-stream changes use {@code kind} for the entity type.
     */
    public record JobJson(long id, String jobKind, String name, String schemaHash, String cacheId,
                          Map<String, RepoEntry> repoState, boolean complexPatchset, String state, int taskCount,
                          int doneCount, TaskCounts counts, List<String> failedTasks, long createdAt, long finishedAt,
                          Integer onHold) {
        public static JobJson of(JobRecord j) {
            return new JobJson(j.id(), j.kind().wire(), j.name(), j.schemaHash(), j.cacheId(), j.repoState(),
                    j.complexPatchset(), j.state().wire(), j.taskCount(), j.doneCount(), j.counts(), j.failedTasks(),
                    j.createdAt(), j.finishedAt(), null);
        }

        /** With {@code onHold}: how many of its ready tasks no connected worker fits (submitted jobs). */
        public JobJson withOnHold(Integer n) {
            return new JobJson(id, jobKind, name, schemaHash, cacheId, repoState, complexPatchset, state, taskCount,
                    doneCount, counts, failedTasks, createdAt, finishedAt, n);
        }
    }

    /**
     * A task: its live state plus the fields of its spec. {@code uid} names it in the operator
     * API; {@code id} is its id in the schema. {@code attempts} is only filled in job and task
     * detail responses.
     */
    public record TaskJson(long uid, long jobId, String id, String state, int priority, int attemptsUsed,
                           int maxAttempts, long currentLease, String preferredPeer, long readySince, String target,
                           String command, long timeoutMs, List<String> needs, ResourcesJson resources,
                           List<String> labels, Map<String, Object> extra, Long delayToleranceMs,
                           String holdReason, long expectedMs, int failuresCounted, boolean cancelledByOperator,
                           List<AttemptJson> attempts) {
        /** {@code spec} may be null when the spec is unknown (then spec fields are left out). */
        public static TaskJson of(TaskRecord t, TaskSpec spec, List<AttemptRecord> attempts) {
            List<AttemptJson> attemptViews = attempts == null ? null : attempts.stream().map(AttemptJson::of).toList();
            if (spec == null) {
                return new TaskJson(t.uid(), t.jobId(), t.taskId(), t.state().wire(), t.priority(), t.attemptsUsed(),
                        0, t.currentLease(), t.preferredPeer(), t.readySince(), null, null, 0, null, null, null,
                        null, null, null, t.expectedMs(), t.failuresCounted(), t.cancelledByOperator(), attemptViews);
            }
            return new TaskJson(t.uid(), t.jobId(), t.taskId(), t.state().wire(), t.priority(), t.attemptsUsed(),
                    spec.attempts(), t.currentLease(), t.preferredPeer(), t.readySince(), spec.target(),
                    spec.command(), spec.timeoutMs(), spec.needs(), ResourcesJson.of(spec.resources()), spec.labels(),
                    spec.extra().isEmpty() ? null : spec.extra(),
                    spec.delayToleranceMs() > 0 ? spec.delayToleranceMs() : null, null, t.expectedMs(),
                    t.failuresCounted(), t.cancelledByOperator(), attemptViews);
        }

        /** With the reason it is on hold (null: not on hold). */
        public TaskJson withHoldReason(String reason) {
            return new TaskJson(uid, jobId, id, state, priority, attemptsUsed, maxAttempts, currentLease,
                    preferredPeer, readySince, target, command, timeoutMs, needs, resources, labels, extra,
                    delayToleranceMs, reason, expectedMs, failuresCounted, cancelledByOperator, attempts);
        }
    }

    /** CPUs and memory (MiB); 0 means "not stated". */
    public record ResourcesJson(double cpu, long memoryMb) {
        public static ResourcesJson of(Resources r) {
            return new ResourcesJson(r.cpu(), r.memoryMb());
        }
    }

    /** One attempt (one lease) of a task on a peer. */
    public record AttemptJson(long lease, long jobId, String taskId, int attempt, String peer, String state,
                              long assignedAt, long startedAt, long endedAt, Integer exitCode, long durationMs,
                              String log, String reason) {
        public static AttemptJson of(AttemptRecord a) {
            return new AttemptJson(a.lease(), a.jobId(), a.taskId(), a.attempt(), a.peerId(), a.state().wire(),
                    a.assignedAt(), a.startedAt(), a.endedAt(), a.exitCode(), a.durationMs(), a.log(), a.reason());
        }
    }

    /** A peer; {@code jobId} is 0 for a worker between jobs; {@code running} lists its live leases. */
    public record PeerJson(String id, long jobId, String state, int slots, List<String> labels,
                           ResourcesJson resources, boolean draining, boolean worker, List<Long> running,
                           int tasksDone, long connectedAt, long lastSeenAt) {
        public static PeerJson of(PeerRecord p) {
            return new PeerJson(p.id(), p.jobId(), p.state().wire(), p.slots(), p.labels(),
                    ResourcesJson.of(p.resources()), p.draining(), p.worker(), p.running(), p.tasksDone(), p.connectedAt(), p.lastSeenAt());
        }
    }

    /** A schedule; times are epoch millis, 0 = none (never again, for {@code nextFireAt}). */
    public record ScheduleJson(long id, String name, String when, String timeZone, String misfire, String jobName,
                               int taskCount, Integer priority, List<String> labels, ResourcesJson resources,
                               Integer attempts, Long execCapMs, Long delayToleranceMs, long createdAt,
                               long nextFireAt, long lastFireAt, long lastJobId, int fires) {
        public static ScheduleJson of(ScheduleRecord r) {
            JobTemplate t = r.job();
            return new ScheduleJson(r.id(), r.name(), r.when(), r.timeZone(), r.misfire().wire(), t.schema().name(),
                    t.schema().tasks().size(), t.priority(), t.labels(),
                    t.resources() == null ? null : ResourcesJson.of(t.resources()), t.attempts(), t.execCapMs(),
                    t.delayToleranceMs(), r.createdAt(), r.nextFireAt(), r.lastFireAt(), r.lastJobId(), r.fires());
        }
    }

    /** One operator action as audited; {@code accepted} is false when the scheduler refused it. */
    public record AuditJson(long at, String actor, String action, String target, String detail, boolean accepted) {
        public static AuditJson of(AuditRecord a) {
            return new AuditJson(a.at(), a.actor(), a.action(), a.target(), a.detail(), a.accepted());
        }
    }
}
