package io.taskshard.server.api;

import io.javalin.http.Context;
import io.taskshard.coordinator.ReadModel;
import io.taskshard.coordinator.TaskLookup;
import io.taskshard.model.AttemptRecord;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskSpec;
import io.taskshard.store.Store;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The task a {@code /tasks/{id}} URL means (see {@link TaskLookup}), and its detail. The read
 * model holds running jobs and the most recent ended ones; a task of an older ended job, or of
 * one that ended before a restart, is found in the store when the URL names it by uid or with
 * {@code ?job=ID} — an operator may retry it (the job re-opens).
 */
final class TaskResolver {
    private final ReadModel readModel;
    private final Store store;

    TaskResolver(ReadModel readModel, Store store) {
        this.readModel = readModel;
        this.store = store;
    }

    TaskRecord resolve(Context ctx) {
        String job = ctx.queryParam("job");
        Long jobId = null;
        if (job != null) {
            jobId = ReadRoutes.parseId(job).orElseThrow(() -> ApiException.badRequest(
                    "query parameter 'job' must be a job id (a number), got '" + job + "'"));
        }
        String pathId = ctx.pathParam("id");
        return switch (readModel.resolveTask(pathId, jobId)) {
            case TaskLookup.Found f -> f.task();
            case TaskLookup.NotFound nf -> stored(pathId, jobId).flatMap(d -> taskIn(d, pathId))
                    .orElseThrow(() -> ApiException.notFound(nf.message()));
            case TaskLookup.Ambiguous a -> throw new ApiException(409, ApiException.AMBIGUOUS_TASK,
                    "task id '" + a.taskId() + "' exists in jobs " + a.jobIds() + "; add ?job=ID or use the task uid",
                    Map.of("jobs", a.jobIds()));
        };
    }

    /** A task with its spec fields and all its attempts (from the store when the read model lacks its job). */
    ApiViews.TaskJson detail(TaskRecord t) {
        if (readModel.job(t.jobId()).isPresent()) {
            return ApiViews.TaskJson.of(t, readModel.spec(t.jobId(), t.taskId()).orElse(null),
                    readModel.attempts(t.jobId(), t.taskId()));
        }
        Optional<Store.JobDetail> stored = store.job(t.jobId());
        TaskSpec spec = stored.flatMap(d -> d.specs().stream().filter(s -> s.id().equals(t.taskId())).findFirst())
                .orElse(null);
        List<AttemptRecord> attempts = stored.map(d -> d.attempts().stream()
                .filter(a -> a.taskId().equals(t.taskId())).toList()).orElse(List.of());
        return ApiViews.TaskJson.of(t, spec, attempts);
    }

    private Optional<Store.JobDetail> stored(String pathId, Long jobId) {
        if (jobId != null) {
            return store.job(jobId);
        }
        return ReadRoutes.parseId(pathId).flatMap(store::jobOfTask);
    }

    private static Optional<TaskRecord> taskIn(Store.JobDetail job, String pathId) {
        return job.tasks().stream()
                .filter(t -> t.taskId().equals(pathId) || String.valueOf(t.uid()).equals(pathId))
                .findFirst();
    }
}
