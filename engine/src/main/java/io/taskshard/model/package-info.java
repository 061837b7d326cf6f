/**
 * The records every layer shares: the immutable snapshots of jobs, tasks, attempts, peers,
 * schedules and audit entries ({@link io.taskshard.model.JobRecord},
 * {@link io.taskshard.model.TaskRecord}, {@link io.taskshard.model.AttemptRecord},
 * {@link io.taskshard.model.PeerRecord}, ...), their states, a task as a schema gives it
 * ({@link io.taskshard.model.TaskSpec}, {@link io.taskshard.model.Schema}), and
 * {@link io.taskshard.model.Change}, the unit the scheduler emits, the store writes and the read
 * model and event stream are fed from. {@link io.taskshard.model.RecoveredState} is what the
 * store hands the scheduler after a restart; {@link io.taskshard.model.Placement} is the one
 * "may this worker take this task" rule, shared by the scheduler and the operator API.
 *
 * <p>The bottom of the engine: depends on the JDK only, has no behaviour beyond validation and
 * small pure helpers ({@link io.taskshard.model.Durations}).
 */
package io.taskshard.model;
