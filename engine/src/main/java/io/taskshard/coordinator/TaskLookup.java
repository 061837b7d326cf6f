package io.taskshard.coordinator;

import io.taskshard.model.TaskRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The answer to "which task does this operator URL mean?". A task path id is either a
 * coordinator-wide numeric uid, or a schema task id (e.g. {@code //app:test}) with an optional
 * job id. Without a job, a schema task id is looked up among unfinished jobs first, then among
 * the finished jobs the read model still holds; more than one match is {@link Ambiguous}.
 */
public sealed interface TaskLookup {

    record Found(TaskRecord task) implements TaskLookup {
    }

    /** {@code message} says what was looked for and where. */
    record NotFound(String message) implements TaskLookup {
    }

    /** The schema task id exists in several jobs; the caller must name one ({@code ?job=ID}). */
    record Ambiguous(String taskId, List<Long> jobIds) implements TaskLookup {
    }

    /**
     * With {@code jobId}, the path id is first a schema task id of that job, then a uid that must
     * belong to it. Without, an all-digits path id is first a uid, then a schema task id.
     */
    static TaskLookup resolve(ReadModel model, String pathId, Long jobId) {
        if (pathId == null || pathId.isBlank()) {
            return new NotFound("empty task id");
        }
        Optional<Long> uid = parseUid(pathId);
        if (jobId != null) {
            JobEntry entry = model.entry(jobId);
            if (entry == null) {
                return new NotFound("no job " + jobId);
            }
            TaskRecord byId = entry.tasks.get(pathId);
            if (byId != null) {
                return new Found(byId);
            }
            Optional<TaskRecord> byUid = uid.flatMap(model::task).filter(t -> t.jobId() == jobId);
            return byUid.<TaskLookup>map(Found::new)
                    .orElseGet(() -> new NotFound("job " + jobId + " has no task '" + pathId + "'"));
        }
        if (uid.isPresent()) {
            Optional<TaskRecord> byUid = model.task(uid.get());
            if (byUid.isPresent()) {
                return new Found(byUid.get());
            }
        }
        List<TaskRecord> unfinished = new ArrayList<>();
        List<TaskRecord> finished = new ArrayList<>();
        for (JobEntry entry : model.entries()) {
            TaskRecord t = entry.tasks.get(pathId);
            if (t != null) {
                (entry.job.state().isEnd() ? finished : unfinished).add(t);
            }
        }
        List<TaskRecord> candidates = unfinished.isEmpty() ? finished : unfinished;
        if (candidates.isEmpty()) {
            return new NotFound(uid.isPresent()
                    ? "no task with uid " + pathId + " and no task with id '" + pathId + "' in any job held"
                    : "no task with id '" + pathId + "' in any job held");
        }
        if (candidates.size() == 1) {
            return new Found(candidates.getFirst());
        }
        List<Long> jobs = candidates.stream().map(TaskRecord::jobId).sorted(Comparator.reverseOrder()).toList();
        return new Ambiguous(pathId, jobs);
    }

    private static Optional<Long> parseUid(String pathId) {
        if (pathId.length() > 18 || !pathId.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(pathId));
    }
}
