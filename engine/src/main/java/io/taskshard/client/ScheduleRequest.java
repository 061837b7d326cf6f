package io.taskshard.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A schedule to add ({@code POST /api/v1/schedules}): each fire submits {@code job}.
 *
 * @param name     unique among the coordinator's schedules
 * @param when     e.g. {@code daily 02:00}, {@code weekly mon,fri 18:30}, {@code cron 0 2 * * 1-5} (docs/jobs.md)
 * @param timeZone the zone {@code when} is read in, e.g. {@code Europe/Berlin}; null = the server's default (UTC)
 * @param misfire  {@code run-once} or {@code skip}; null = run-once
 * @param job      what each fire submits
 */
public record ScheduleRequest(String name, String when, String timeZone, String misfire, Submission job) {
    public ScheduleRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(job, "job");
    }

    Map<String, Object> toJson() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("when", when);
        if (timeZone != null) {
            body.put("timeZone", timeZone);
        }
        if (misfire != null) {
            body.put("misfire", misfire);
        }
        body.putAll(job.toJson());
        return body;
    }
}
