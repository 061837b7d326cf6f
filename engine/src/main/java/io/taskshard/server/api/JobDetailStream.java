package io.taskshard.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.taskshard.model.AttemptRecord;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskSpec;
import io.taskshard.store.Store;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code GET /api/v1/jobs/{id}}: {@code {job, tasks}}, each task a
 * {@link ApiViews.TaskJson} with its attempts, task by task into the response. Building every task's view
 * and then the whole text first needed several times the job's size at once: a
 * 1,000,000-task job did not fit a 1 GiB coordinator (HTTP 500, docs/benchmarks.md, Scale).
 */
final class JobDetailStream {
    private JobDetailStream() {
    }

    static void write(OutputStream out, Store.JobDetail d, Holds holds) throws IOException {
        Map<String, TaskSpec> specs = HashMap.newHashMap(d.specs().size());
        d.specs().forEach(s -> specs.put(s.id(), s));
        Map<String, List<AttemptRecord>> attempts = new HashMap<>();
        d.attempts().stream()
                .sorted(Comparator.comparingLong(AttemptRecord::lease))
                .forEach(a -> attempts.computeIfAbsent(a.taskId(), k -> new ArrayList<>()).add(a));
        // The job's on-hold count comes before its tasks, so hold reasons are found first.
        Map<String, String> holdReasons = new HashMap<>();
        for (TaskRecord t : d.tasks()) {
            String reason = holds.reason(d.job(), t, specs.get(t.taskId()));
            if (reason != null) {
                holdReasons.put(t.taskId(), reason);
            }
        }
        try (JsonGenerator g = Json.MAPPER.createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName("job");
            g.writeObject(ApiViews.JobJson.of(d.job()).withOnHold(holds.applies(d.job()) ? holdReasons.size() : null));
            g.writeArrayFieldStart("tasks");
            for (TaskRecord t : d.tasks()) {
                ApiViews.TaskJson view = ApiViews.TaskJson.of(t, specs.get(t.taskId()),
                        attempts.getOrDefault(t.taskId(), List.of()));
                String reason = holdReasons.get(t.taskId());
                g.writeObject(reason == null ? view : view.withHoldReason(reason));
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }
}
