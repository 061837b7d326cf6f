package io.taskshard.server;

import io.javalin.config.JavalinConfig;
import io.taskshard.coordinator.Coordinator;
import io.taskshard.scheduler.SchedulerConfig;
import io.taskshard.store.Store;
import java.time.Clock;
import java.util.Map;

/**
 * The operator side of the server (REST API, event stream, read model, /healthz, /metrics).
 *
 * <p>PLACEHOLDER: serves only {@code GET /healthz}; the operator API work replaces this file
 * with the real module, keeping this constructor and {@link #register}.
 */
public final class ApiModule {
    private final Coordinator coordinator;

    public ApiModule(Coordinator coordinator, Store store, Clock clock, SchedulerConfig schedulerConfig) {
        this.coordinator = coordinator;
    }

    /** Adds the operator routes to a Javalin configuration. */
    public void register(JavalinConfig config) {
        config.routes.get("/healthz", ctx -> {
            if (coordinator.isFailed()) {
                ctx.status(503).json(Map.of("status", "failed", "message",
                        coordinator.failure().map(Throwable::getMessage).orElse("coordinator failed")));
            } else {
                ctx.json(Map.of("status", "ok"));
            }
        });
    }
}
