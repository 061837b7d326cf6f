/**
 * The operator API (docs/operator-api.md): {@link io.taskshard.server.api.OperatorApi} registers
 * the REST routes under {@code /api/v1} ({@link io.taskshard.server.api.ReadRoutes},
 * {@link io.taskshard.server.api.CommandRoutes}, {@link io.taskshard.server.api.ScheduleRoutes},
 * {@link io.taskshard.server.api.TokenRoutes}), the event stream
 * ({@link io.taskshard.server.api.EventHub}: a snapshot, then one delta per committed batch, one
 * {@link io.taskshard.server.api.Subscriber} per client), {@code /healthz} and {@code /metrics}
 * ({@link io.taskshard.server.api.Metrics}, {@link io.taskshard.server.api.QueueMetrics}).
 *
 * <p>Reads come from the coordinator's {@code ReadModel} (and the {@code Store} for jobs it no
 * longer holds); commands go through {@code Coordinator.command} like any other event. OperatorApi
 * is the one batch listener of the operator side and feeds metrics, read model and event stream in
 * that order. JSON shapes are {@link io.taskshard.server.api.ApiViews} with one mapper
 * ({@link io.taskshard.server.api.Json}). Depends on {@code coordinator}, {@code scheduler},
 * {@code store}, {@code model}, {@code protocol} (input limits, a task's wire form), {@code analysis},
 * {@code auth} and {@code schema}.
 */
package io.taskshard.server.api;
