package io.taskshard.server.api;

import io.javalin.config.RoutesConfig;
import io.taskshard.coordinator.ReadModel;
import io.taskshard.model.JobTemplate;
import io.taskshard.model.MisfirePolicy;
import io.taskshard.model.ResourceClasses;
import io.taskshard.model.ScheduleRecord;
import io.taskshard.scheduler.OperatorCommand;
import io.taskshard.scheduler.ScheduleCalendar;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Recurring jobs: {@code POST/GET/DELETE /api/v1/schedules} (docs/jobs.md). Adding and removing
 * are commands through the coordinator loop like any other; reads come from the read model.
 */
final class ScheduleRoutes {
    /** Longest schedule name: it is shown in lists and dashboards, and the audit names it on every fire. */
    public static final int DEFAULT_MAX_NAME_CHARS = 200;
    /** The zone a schedule is read in when the request names none. */
    static final String DEFAULT_TIME_ZONE = "UTC";
    static final Set<String> FIELDS;

    static {
        Set<String> fields = new HashSet<>(SubmitRequest.JOB_FIELDS);
        fields.addAll(Set.of("name", "when", "timeZone", "misfire"));
        FIELDS = Set.copyOf(fields);
    }

    private final CommandRoutes commands;
    private final ReadModel readModel;
    private final ResourceClasses resourceClasses;

    ScheduleRoutes(CommandRoutes commands, ReadModel readModel, ResourceClasses resourceClasses) {
        this.commands = commands;
        this.readModel = readModel;
        this.resourceClasses = resourceClasses;
    }

    void register(RoutesConfig routes, String base) {
        routes.get(base + "/schedules", ctx -> ReadRoutes.json(ctx, 200, Map.of("schedules",
                readModel.schedules().stream().map(ApiViews.ScheduleJson::of).toList())));
        routes.get(base + "/schedules/{id}", ctx -> {
            long id = scheduleId(ctx.pathParam("id"));
            ScheduleRecord r = readModel.schedule(id).orElseThrow(() -> ApiException.notFound("no schedule " + id));
            ReadRoutes.json(ctx, 200, Map.of("schedule", ApiViews.ScheduleJson.of(r)));
        });
        routes.post(base + "/schedules", ctx -> {
            OperatorCommand.AddSchedule add = parse(ctx.body(), resourceClasses);
            commands.run(ctx, add, 201, reply -> body(reply.body()));
        });
        routes.delete(base + "/schedules/{id}", ctx -> {
            long id = scheduleId(ctx.pathParam("id"));
            RequestBody.parse(ctx.body(), Set.of());
            commands.run(ctx, new OperatorCommand.RemoveSchedule(id), 200, reply -> body(reply.body()));
        });
    }

    private static Map<String, Object> body(Object reply) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (reply instanceof ScheduleRecord r) {
            out.put("schedule", ApiViews.ScheduleJson.of(r));
        }
        return out;
    }

    /** Reads and checks a schedule body; the job part is read as a submit's. */
    static OperatorCommand.AddSchedule parse(String body, ResourceClasses classes) {
        RequestBody req = RequestBody.parse(body, FIELDS);
        String name = req.requiredString("name").trim();
        if (name.isEmpty()) {
            throw ApiException.badRequest("field 'name' must not be empty");
        }
        if (name.length() > DEFAULT_MAX_NAME_CHARS) {
            throw ApiException.badRequest("field 'name' has " + name.length() + " characters; a schedule name has at most "
                    + DEFAULT_MAX_NAME_CHARS);
        }
        String when = req.requiredString("when");
        String zone = req.optionalString("timeZone");
        zone = zone == null ? DEFAULT_TIME_ZONE : zone;
        String misfireText = req.optionalString("misfire");
        MisfirePolicy misfire;
        try {
            when = ScheduleCalendar.parse(when).toString();
            zone = ScheduleCalendar.zone(zone).getId();
            misfire = misfireText == null ? MisfirePolicy.RUN_ONCE : MisfirePolicy.parse(misfireText);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        JobTemplate job = SubmitRequest.template(req, classes);
        return new OperatorCommand.AddSchedule(name, when, zone, misfire, job);
    }

    private static long scheduleId(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > 18 || !raw.chars().allMatch(Character::isDigit)) {
            throw ApiException.notFound("no schedule '" + raw + "': schedule ids are numbers");
        }
        return Long.parseLong(raw);
    }
}
