/**
 * What the dashboards draw, computed from a job: the per-peer and per-task Gantt rows
 * ({@link io.taskshard.analysis.GanttRows}, {@link io.taskshard.analysis.AttemptSpans}), the
 * linear / parallel / sharded comparison with its lower bound
 * ({@link io.taskshard.analysis.Comparisons}, {@link io.taskshard.analysis.ListSchedule},
 * {@link io.taskshard.analysis.TaskGraph}) and the Chrome trace export
 * ({@link io.taskshard.analysis.ChromeTrace}). Every input is a {@link io.taskshard.analysis.JobView}.
 *
 * <p>Pure functions: "now" is passed in, nothing is read from a clock, a socket or a file. Depends
 * on {@code model} and the JDK only (the ArchUnit rules check it), so the server (comparison and trace routes) and the UIs (from
 * the client's model records) run the same code. See docs/analysis.md.
 */
package io.taskshard.analysis;
