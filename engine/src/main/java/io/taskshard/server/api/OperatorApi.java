package io.taskshard.server.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.taskshard.coordinator.BatchListener;
import io.taskshard.coordinator.Coordinator;
import io.taskshard.coordinator.ReadModel;
import io.taskshard.model.Change;
import io.taskshard.model.PeerState;
import io.taskshard.model.RecoveredState;
import io.taskshard.model.ResourceClasses;
import io.taskshard.scheduler.SchedulerConfig;
import io.taskshard.store.Store;
import io.taskshard.store.StoreException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything operators talk to: REST routes under {@link #BASE}, the event stream, health and
 * metrics, and JSON errors for every failure (including unknown routes). It is the one batch
 * listener of the operator side and feeds its parts in the order they need:
 * {@link Metrics} (compares with the previous records), then the {@link ReadModel}, then the
 * {@link EventHub} (reads the new version).
 */
public final class OperatorApi implements BatchListener {
    public static final String BASE = "/api/v1";

    private static final Logger log = LoggerFactory.getLogger(OperatorApi.class);

    private final Coordinator coordinator;
    private final Clock clock;
    private final SchedulerConfig schedulerConfig;
    private final long startedAt;
    private final ReadModel readModel;
    private final Metrics metrics;
    private final EventHub eventHub;
    private final ReadRoutes reads;
    private final CommandRoutes commands;
    private final ScheduleRoutes schedules;

    /**
     * Seeds the read model with the state the scheduler recovered (unfinished jobs reach no
     * listener as changes), so create it before the coordinator starts, and register it with
     * {@link Coordinator#addListener}.
     */
    public OperatorApi(Coordinator coordinator, Store store, RecoveredState recovered, Clock clock,
                       SchedulerConfig schedulerConfig) {
        this(coordinator, store, recovered, clock, schedulerConfig, ResourceClasses.DEFAULTS);
    }

    /** @param resourceClasses the presets a submit or schedule may name as {@code resourceClass} */
    public OperatorApi(Coordinator coordinator, Store store, RecoveredState recovered, Clock clock,
                       SchedulerConfig schedulerConfig, ResourceClasses resourceClasses) {
        this.coordinator = coordinator;
        this.clock = clock;
        this.schedulerConfig = schedulerConfig;
        this.startedAt = clock.millis();
        this.readModel = new ReadModel();
        readModel.seed(recovered);
        this.eventHub = new EventHub(readModel, EventHub.DEFAULT_MAX_PENDING);
        this.metrics = new Metrics(readModel, eventHub::subscriberCount, schedulerConfig.defaultDelayToleranceMs(),
                clock::millis); // after seeding: knows recovered leases
        TaskResolver tasks = new TaskResolver(readModel, store);
        this.reads = new ReadRoutes(readModel, store,
                new JobAnalysis(readModel, clock, schedulerConfig.defaultExpectedMs()), clock, tasks);
        this.commands = new CommandRoutes(coordinator, readModel, tasks, CommandRoutes.DEFAULT_COMMAND_TIMEOUT,
                resourceClasses);
        this.schedules = new ScheduleRoutes(commands, readModel, resourceClasses);
    }

    public ReadModel readModel() {
        return readModel;
    }

    @Override
    public void onCommitted(List<Change> changes, long now) {
        // Each part on its own: a bug in metrics must not leave the read model a batch behind.
        feed("metrics", metrics, changes, now);
        feed("read model", readModel, changes, now);
        feed("event stream", eventHub, changes, now);
    }

    private static void feed(String part, BatchListener listener, List<Change> changes, long now) {
        try {
            listener.onCommitted(changes, now);
        } catch (RuntimeException e) {
            log.error("operator {} failed on a batch of {} changes; it may now be out of date", part,
                    changes.size(), e);
        }
    }

    public void register(JavalinConfig config) {
        var routes = config.routes;
        routes.get("/healthz", this::health);
        routes.get("/metrics", ctx -> ctx.contentType(PrometheusText.CONTENT_TYPE).result(metrics.scrape()));
        reads.register(routes, BASE);
        commands.register(routes, BASE);
        schedules.register(routes, BASE);
        routes.ws(BASE + "/events", eventHub::configure);

        routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.code(), e.getMessage(), e.details()));
        routes.exception(HttpResponseException.class, (e, ctx) ->
                error(ctx, e.getStatus(), codeFor(e.getStatus()), e.getStatus() == 413
                        ? "the request body is larger than this server's max-body-bytes limit (" + e.getMessage() + ")"
                        : e.getMessage(), Map.of()));
        routes.exception(StoreException.class, (e, ctx) -> {
            log.error("{} {}: the store failed", ctx.method(), ctx.path(), e);
            error(ctx, 503, ApiException.UNAVAILABLE, "the store cannot be read right now: " + e.getMessage(), Map.of());
        });
        routes.exception(Exception.class, (e, ctx) -> {
            if (isClientAbort(e)) {
                // The client went away mid-request: not a bug of ours, and nobody reads the answer.
                log.debug("{} {} from {}: the client went away ({})", ctx.method(), ctx.path(), ctx.ip(), e.toString());
                error(ctx, 400, "client-aborted", "the client closed the connection during the request", Map.of());
                return;
            }
            log.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, ApiException.INTERNAL, "internal error: " + e, Map.of());
        });
    }

    /** Jetty's EofException (a connection closed or reset by the client), anywhere in the causes. */
    static boolean isClientAbort(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.eclipse.jetty.io.EofException || t instanceof java.nio.channels.ClosedChannelException) {
                return true;
            }
        }
        return false;
    }

    private void health(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (coordinator.isFailed()) {
            body.put("status", "failed");
            body.put("error", ApiException.UNAVAILABLE);
            body.put("message", "the coordinator stopped: " + coordinator.failure().map(Throwable::getMessage)
                    .orElse("unknown failure") + "; restart the server");
            ReadRoutes.json(ctx, 503, body);
            return;
        }
        if (coordinator.stalled().isPresent()) {
            body.put("status", "stalled");
            body.put("error", ApiException.UNAVAILABLE);
            body.put("message", "the coordinator cannot store results: " + coordinator.stalled().get().getMessage()
                    + "; it acks nothing it has not stored and retries every " + Coordinator.DEFAULT_STORE_RETRY_MS
                    + " ms, resuming by itself once the database takes writes again");
            ReadRoutes.json(ctx, 503, body);
            return;
        }
        body.put("status", "ok");
        body.put("version", readModel.version());
        body.put("peersConnected", readModel.peers().stream().filter(p -> p.state() == PeerState.CONNECTED).count());
        body.put("jobsRunning", readModel.jobs().stream().filter(j -> !j.state().isEnd()).count());
        body.put("eventSubscribers", eventHub.subscriberCount());
        body.put("uptimeMs", clock.millis() - startedAt);
        body.put("heartbeatMs", schedulerConfig.heartbeatMs());
        ReadRoutes.json(ctx, 200, body);
    }

    private static void error(Context ctx, int status, String code, String message, Map<String, Object> details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        body.putAll(details);
        ReadRoutes.json(ctx, status, body);
    }

    private static String codeFor(int status) {
        return switch (status) {
            case 400 -> ApiException.BAD_REQUEST;
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> ApiException.NOT_FOUND;
            case 405 -> "method-not-allowed";
            case 413 -> "too-large";
            case 503 -> ApiException.UNAVAILABLE;
            default -> status >= 500 ? ApiException.INTERNAL : "http-" + status;
        };
    }
}
