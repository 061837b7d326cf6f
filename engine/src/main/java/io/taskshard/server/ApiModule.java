package io.taskshard.server;

import io.javalin.config.JavalinConfig;
import io.taskshard.coordinator.Coordinator;
import io.taskshard.coordinator.ReadModel;
import io.taskshard.model.RecoveredState;
import io.taskshard.model.ResourceClasses;
import io.taskshard.scheduler.SchedulerConfig;
import io.taskshard.server.api.OperatorApi;
import io.taskshard.store.Store;
import java.time.Clock;

/**
 * The operator side of the server: the REST API under {@code /api/v1}, the event stream,
 * {@code /healthz} and {@code /metrics} (docs/operator-api.md). Create it before the
 * coordinator starts: it loads the state the scheduler recovered into its read model and registers its
 * batch listener. Then {@link #register} it inside {@code Javalin.create(config -> ...)}.
 */
public final class ApiModule {
    private final OperatorApi api;

    /** @param recovered what the scheduler was started from: unfinished jobs reach no listener as changes */
    public ApiModule(Coordinator coordinator, Store store, RecoveredState recovered, Clock clock,
                     SchedulerConfig schedulerConfig) {
        this(coordinator, store, recovered, clock, schedulerConfig, ResourceClasses.DEFAULTS);
    }

    /** @param resourceClasses the presets a submit may name as {@code resourceClass} */
    public ApiModule(Coordinator coordinator, Store store, RecoveredState recovered, Clock clock,
                     SchedulerConfig schedulerConfig, ResourceClasses resourceClasses) {
        this.api = new OperatorApi(coordinator, store, recovered, clock, schedulerConfig, resourceClasses);
        coordinator.addListener(api);
    }

    /** Adds the routes, the event WebSocket and the JSON error handling to {@code config}. */
    public void register(JavalinConfig config) {
        api.register(config);
    }

    /** What the operator API reads; e.g. for an embedded UI or tests. */
    public ReadModel readModel() {
        return api.readModel();
    }
}
