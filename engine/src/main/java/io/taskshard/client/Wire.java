package io.taskshard.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AttemptState;
import io.taskshard.model.AuditRecord;
import io.taskshard.model.JobKind;
import io.taskshard.model.JobRecord;
import io.taskshard.model.JobState;
import io.taskshard.model.PeerRecord;
import io.taskshard.model.RepoEntry;
import io.taskshard.model.Resources;
import io.taskshard.model.TaskCounts;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskSpec;
import io.taskshard.model.TaskState;
import io.taskshard.protocol.InputLimits;
import java.util.List;
import java.util.Map;

/**
 * The operator API's JSON, read into model records (docs/operator-api.md has the shapes).
 *
 * <p>Where the JSON names match a model record it is read directly: {@link PeerRecord},
 * {@link AuditRecord}, {@link Resources}, {@link RepoEntry} and the analysis records. Three
 * differ and go through the small records below:
 * <ul>
 *   <li>job: {@code jobKind} is {@link JobRecord#kind()}</li>
 *   <li>task: {@code id} is {@link TaskRecord#taskId()}; spec fields form a {@link TaskSpec}
 *       ({@code maxAttempts} is {@link TaskSpec#attempts()}); see {@link TaskInfo}</li>
 *   <li>attempt: {@code peer} is {@link AttemptRecord#peerId()}</li>
 * </ul>
 * Enum values are the lower-case wire names. Unknown fields are ignored, so a newer server
 * that adds fields does not break an older client.
 */
final class Wire {
    static final ObjectMapper MAPPER = JsonMapper.builder(InputLimits.jsonFactory())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    private Wire() {
    }

    record JobJson(long id, JobKind jobKind, String name, String schemaHash, String cacheId,
                   Map<String, RepoEntry> repoState, boolean complexPatchset, JobState state, int taskCount,
                   int doneCount, TaskCounts counts, List<String> failedTasks, long createdAt, long finishedAt) {
        JobRecord toRecord() {
            return new JobRecord(id, required(jobKind, "job " + id, "jobKind"), name, schemaHash, cacheId, repoState,
                    complexPatchset, required(state, "job " + id, "state"), taskCount, doneCount,
                    required(counts, "job " + id, "counts"), failedTasks, createdAt, finishedAt);
        }
    }

    record TaskJson(long uid, long jobId, String id, TaskState state, int priority, int attemptsUsed,
                    int maxAttempts, long currentLease, String preferredPeer, long readySince, String target,
                    String command, long timeoutMs, List<String> needs, Resources resources, List<String> labels,
                    Map<String, Object> extra, long expectedMs, int failuresCounted, boolean cancelledByOperator,
                    List<AttemptJson> attempts) {
        TaskInfo toInfo() {
            String what = "task " + uid;
            TaskRecord task = new TaskRecord(uid, jobId, required(id, what, "id"), required(state, what, "state"),
                    priority, attemptsUsed, currentLease, preferredPeer, readySince, expectedMs, failuresCounted,
                    cancelledByOperator);
            TaskSpec spec = maxAttempts < 1 ? null : new TaskSpec(id, target, command, priority, maxAttempts,
                    timeoutMs, needs, resources, labels, extra);
            return new TaskInfo(task, spec);
        }

        TaskDetail toDetail() {
            return new TaskDetail(toInfo(), attemptRecords());
        }

        List<AttemptRecord> attemptRecords() {
            return attempts == null ? List.of() : attempts.stream().map(AttemptJson::toRecord).toList();
        }
    }

    record AttemptJson(long lease, long jobId, String taskId, int attempt, String peer, AttemptState state,
                       long assignedAt, long startedAt, long endedAt, Integer exitCode, long durationMs, String log,
                       String reason) {
        AttemptRecord toRecord() {
            return new AttemptRecord(lease, jobId, required(taskId, "attempt " + lease, "taskId"), attempt, peer,
                    required(state, "attempt " + lease, "state"), assignedAt, startedAt, endedAt, exitCode,
                    durationMs, log, reason);
        }
    }

    record JobDetailJson(JobJson job, List<TaskJson> tasks) {
        JobDetail toDetail() {
            List<TaskJson> taskList = tasks == null ? List.of() : tasks;
            return new JobDetail(required(job, "job detail", "job").toRecord(),
                    taskList.stream().map(TaskJson::toInfo).toList(),
                    taskList.stream().flatMap(t -> t.attemptRecords().stream())
                            .sorted(java.util.Comparator.comparingLong(AttemptRecord::lease)).toList());
        }
    }

    static JobRecord job(JsonNode node) {
        return read(node, JobJson.class, "job", JobJson::toRecord);
    }

    static JobDetail jobDetail(JsonNode node) {
        return read(node, JobDetailJson.class, "job detail", JobDetailJson::toDetail);
    }

    static TaskInfo task(JsonNode node) {
        return read(node, TaskJson.class, "task", TaskJson::toInfo);
    }

    static TaskDetail taskDetail(JsonNode node) {
        return read(node, TaskJson.class, "task", TaskJson::toDetail);
    }

    static AttemptRecord attempt(JsonNode node) {
        return read(node, AttemptJson.class, "attempt", AttemptJson::toRecord);
    }

    static PeerRecord peer(JsonNode node) {
        return read(node, PeerRecord.class, "peer", p -> new PeerRecord(required(p.id(), "peer", "id"), p.jobId(),
                required(p.state(), "peer " + p.id(), "state"), p.slots(), p.labels(), p.resources(), p.draining(),
                p.worker(), p.running(), p.tasksDone(), p.connectedAt(), p.lastSeenAt()));
    }

    static AuditRecord audit(JsonNode node) {
        return read(node, AuditRecord.class, "audit entry", a -> a);
    }

    /**
     * Reads {@code node} as {@code type}, then builds the model record from it; anything that
     * does not fit (wrong type, missing field, a value the record refuses) is a {@link ClientException}.
     */
    static <W, T> T read(JsonNode node, Class<W> type, String what, java.util.function.Function<W, T> build) {
        W wire = convert(node, type, what);
        try {
            return build.apply(wire);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ClientException("cannot read the " + what + " the server sent: " + e.getMessage(), e);
        }
    }

    /** Reads {@code node} as {@code type}; anything that does not fit is a {@link ClientException}. */
    static <T> T convert(JsonNode node, Class<T> type, String what) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw new ClientException("the server sent no " + what);
        }
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ClientException("cannot read the " + what + " the server sent: " + message(e), e);
        }
    }

    static JsonNode parse(String text, String what) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ClientException(what + " is not valid JSON: " + message(e), e);
        }
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    private static <T> T required(T value, String what, String field) {
        if (value == null) {
            throw new ClientException(what + " has no '" + field + "'");
        }
        return value;
    }

    private static String message(Exception e) {
        return e instanceof JsonProcessingException j ? j.getOriginalMessage() : String.valueOf(e.getMessage());
    }
}
