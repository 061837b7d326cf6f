package io.taskshard.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskshard.model.JobTemplate;
import io.taskshard.model.MisfirePolicy;
import io.taskshard.model.Resources;
import io.taskshard.model.Schema;
import io.taskshard.model.ScheduleRecord;
import io.taskshard.model.TaskSpec;
import io.taskshard.protocol.TaskSpecJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code definition} column of a schedule: what does not change once it is added (its
 * calendar, zone, misfire policy and the job it submits), as JSON; tasks in their wire form.
 */
final class ScheduleColumns {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ScheduleColumns() {
    }

    static String writeDefinition(ScheduleRecord r) {
        JobTemplate t = r.job();
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("name", t.schema().name());
        job.put("tasks", t.schema().tasks().stream().map(TaskSpecJson::toWire).toList());
        job.put("priority", t.priority());
        job.put("labels", t.labels());
        job.put("resources", t.resources() == null ? null
                : Map.of("cpu", t.resources().cpu(), "memoryMb", t.resources().memoryMb()));
        job.put("attempts", t.attempts());
        job.put("execCapMs", t.execCapMs());
        job.put("delayToleranceMs", t.delayToleranceMs());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("when", r.when());
        d.put("timeZone", r.timeZone());
        d.put("misfire", r.misfire().wire());
        d.put("job", job);
        return JsonColumns.write(d);
    }

    /** The schedule of a row: its definition JSON plus the changing columns. */
    @SuppressWarnings("unchecked")
    static ScheduleRecord read(long id, String name, String definition, long createdAt, long nextFireAt,
                               long lastFireAt, long lastJobId, int fires) {
        String where = "schedule " + id + " ('" + name + "')";
        try {
            Map<String, Object> d = MAPPER.readValue(definition, Map.class);
            Map<String, Object> job = (Map<String, Object>) d.get("job");
            List<TaskSpec> tasks = new ArrayList<>();
            for (Object o : (List<Object>) job.get("tasks")) {
                tasks.add(TaskSpecJson.fromWire((Map<String, Object>) o));
            }
            Resources resources = null;
            if (job.get("resources") instanceof Map<?, ?> m) {
                resources = new Resources(((Number) m.get("cpu")).doubleValue(), ((Number) m.get("memoryMb")).longValue());
            }
            JobTemplate template = new JobTemplate(new Schema((String) job.get("name"), tasks),
                    (Integer) job.get("priority"), (List<String>) job.get("labels"), resources,
                    (Integer) job.get("attempts"), longOrNull(job.get("execCapMs")),
                    longOrNull(job.get("delayToleranceMs")));
            return new ScheduleRecord(id, name, (String) d.get("when"), (String) d.get("timeZone"),
                    MisfirePolicy.parse((String) d.get("misfire")), template, createdAt, nextFireAt, lastFireAt,
                    lastJobId, fires);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored definition of " + where + " is unreadable: " + e.getOriginalMessage(), e);
        } catch (RuntimeException e) {
            throw new StoreException("stored definition of " + where + " is invalid: " + e, e);
        }
    }

    private static Long longOrNull(Object v) {
        return v == null ? null : ((Number) v).longValue();
    }
}
