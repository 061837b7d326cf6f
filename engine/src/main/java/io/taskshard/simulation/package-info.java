/**
 * The discrete-event simulator: {@link io.taskshard.simulation.SchedulerSimulator} drives the real
 * {@code Scheduler} in virtual time (N peers, S slots, every {@code assign} answered by a
 * {@code finished} after the task's actual duration), with no network and no store, to measure
 * makespan against {@link io.taskshard.simulation.Baselines} over a
 * {@link io.taskshard.simulation.Workload}. Used by {@code taskshard bench makespan} and tests.
 *
 * <p>Depends on {@code scheduler}, {@code model}, {@code protocol} and the JDK.
 */
package io.taskshard.simulation;
