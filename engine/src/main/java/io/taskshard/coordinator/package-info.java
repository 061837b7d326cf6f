/**
 * The imperative shell around the scheduler. {@link io.taskshard.coordinator.Coordinator} owns the
 * one loop thread: network threads {@code enqueue} events (or send operator
 * {@code command}s), the loop drains them in batches, calls
 * {@code Scheduler.handle}, commits the batch's changes in one store transaction, tells the
 * {@link io.taskshard.coordinator.BatchListener}s and only then carries out the sends, disconnects
 * and replies through {@link io.taskshard.coordinator.Outbound}.
 *
 * <p>{@link io.taskshard.coordinator.ReadModel} is what the operator API reads: the latest immutable
 * record of every job, task, attempt and peer, written from committed batches by the loop thread
 * only and read from any thread ({@link io.taskshard.coordinator.TaskLookup} resolves task names in
 * URLs). Depends on {@code scheduler}, {@code store}, {@code model} and {@code protocol}; never on
 * {@code server} (the server implements {@code Outbound} and the listeners).
 */
package io.taskshard.coordinator;
