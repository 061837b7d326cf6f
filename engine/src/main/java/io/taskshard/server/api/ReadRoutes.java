package io.taskshard.server.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.taskshard.coordinator.ReadModel;
import io.taskshard.coordinator.TaskLookup;
import io.taskshard.model.JobRecord;
import io.taskshard.model.JobState;
import io.taskshard.model.TaskRecord;
import io.taskshard.store.Store;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's reads ({@code GET /api/v1/...}). Everything comes from the {@link ReadModel};
 * jobs it no longer holds (finished long ago) come from the {@link Store}.
 */
final class ReadRoutes {
    static final int DEFAULT_JOB_LIMIT = 50;
    static final int DEFAULT_AUDIT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;

    private final ReadModel readModel;
    private final Store store;
    private final JobAnalysis analysis;
    private final Clock clock;
    private final TaskResolver tasks;

    ReadRoutes(ReadModel readModel, Store store, JobAnalysis analysis, Clock clock, TaskResolver tasks) {
        this.readModel = readModel;
        this.store = store;
        this.analysis = analysis;
        this.clock = clock;
        this.tasks = tasks;
    }

    private Holds holds() {
        return Holds.of(readModel, clock.millis());
    }

    void register(RoutesConfig routes, String base) {
        routes.get(base + "/peers", ctx -> json(ctx, 200,
                Map.of("peers", readModel.peers().stream().map(ApiViews.PeerJson::of).toList())));
        routes.get(base + "/peers/{id}", ctx -> {
            String id = ctx.pathParam("id");
            json(ctx, 200, Map.of("peer", ApiViews.PeerJson.of(readModel.peer(id)
                    .orElseThrow(() -> ApiException.notFound("no peer '" + id + "'")))));
        });
        routes.get(base + "/jobs", this::listJobs);
        routes.get(base + "/jobs/{id}", ctx -> {
            Store.JobDetail detail = jobDetail(jobId(ctx)); // a 404 still goes out as usual
            ctx.status(200).contentType("application/json");
            JobDetailStream.write(ctx.outputStream(), detail, holds());
        });
        routes.get(base + "/jobs/{id}/comparison", ctx -> json(ctx, 200, analysis.comparison(jobDetail(jobId(ctx)))));
        routes.get(base + "/jobs/{id}/trace", ctx -> {
            long id = jobId(ctx);
            Object trace = analysis.trace(jobDetail(id));
            ctx.header("Content-Disposition", "attachment; filename=\"taskshard-job-" + id + "-trace.json\"");
            json(ctx, 200, trace);
        });
        routes.get(base + "/tasks/{id}", ctx -> {
            TaskRecord t = tasks.resolve(ctx);
            ApiViews.TaskJson view = tasks.detail(t);
            String hold = readModel.job(t.jobId())
                    .map(j -> holds().reason(j, t, readModel.spec(t.jobId(), t.taskId()).orElse(null))).orElse(null);
            json(ctx, 200, Map.of("task", hold == null ? view : view.withHoldReason(hold)));
        });
        routes.get(base + "/audit", ctx -> json(ctx, 200, Map.of("audit",
                store.recentAudit(limit(ctx, DEFAULT_AUDIT_LIMIT)).stream().map(ApiViews.AuditJson::of).toList())));
    }

    private void listJobs(Context ctx) {
        int limit = limit(ctx, DEFAULT_JOB_LIMIT);
        JobState state = stateFilter(ctx.queryParam("state"));
        Map<Long, JobRecord> byId = new LinkedHashMap<>();
        readModel.jobs().stream().filter(j -> state == null || j.state() == state).forEach(j -> byId.put(j.id(), j));
        // Running jobs are all in memory; finished ones may be older than what memory holds.
        if (byId.size() < limit && state != JobState.RUNNING) {
            for (JobRecord j : store.recentJobs(limit)) {
                if (state == null || j.state() == state) {
                    byId.putIfAbsent(j.id(), j);
                }
            }
        }
        List<JobRecord> jobs = new ArrayList<>(byId.values());
        jobs.sort(Comparator.comparingLong(JobRecord::id).reversed());
        Holds holds = holds();
        json(ctx, 200, Map.of("jobs", jobs.stream().limit(limit)
                .map(j -> ApiViews.JobJson.of(j).withOnHold(holds.count(readModel, j))).toList()));
    }

    private Store.JobDetail jobDetail(long id) {
        Optional<Store.JobDetail> held = readModel.jobDetail(id);
        if (held.isPresent()) {
            return held.get();
        }
        return store.job(id).orElseThrow(() -> ApiException.notFound("no job " + id));
    }

    static long jobId(Context ctx) {
        String raw = ctx.pathParam("id");
        return parseId(raw).orElseThrow(() -> ApiException.notFound("no job '" + raw + "': job ids are numbers"));
    }

    static Optional<Long> parseId(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > 18 || !raw.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(raw));
    }

    private static int limit(Context ctx, int dflt) {
        String raw = ctx.queryParam("limit");
        if (raw == null) {
            return dflt;
        }
        Optional<Long> n = parseId(raw);
        if (n.isEmpty() || n.get() < 1 || n.get() > MAX_LIMIT) {
            throw ApiException.badRequest("query parameter 'limit' must be a number from 1 to " + MAX_LIMIT
                    + ", got '" + raw + "'");
        }
        return n.get().intValue();
    }

    private static JobState stateFilter(String raw) {
        if (raw == null) {
            return null;
        }
        for (JobState s : JobState.values()) {
            if (s.wire().equals(raw.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw ApiException.badRequest("query parameter 'state' must be one of "
                + Arrays.stream(JobState.values()).map(JobState::wire).toList() + ", got '" + raw + "'");
    }

    static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }
}
