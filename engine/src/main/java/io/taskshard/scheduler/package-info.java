/**
 * The pure scheduling state machine. {@link io.taskshard.scheduler.Scheduler#handle} takes an
 * {@link io.taskshard.scheduler.Event} (peer joined, a peer frame, peer disconnected, tick,
 * operator command) and the current time, updates the scheduler's own state and appends
 * {@link io.taskshard.scheduler.Decision}s (persist a change, send a frame, disconnect, reply). It
 * does no I/O, reads no clock and starts no threads, so the coordinator, the tests and the
 * simulator all run the same code.
 *
 * <p>Inside: job grouping ({@link io.taskshard.scheduler.Grouping}), peer events
 * ({@link io.taskshard.scheduler.PeerEvents}), task and attempt transitions and dispatch
 * ({@link io.taskshard.scheduler.Lifecycle}), what time does
 * ({@link io.taskshard.scheduler.Clockwork}), operator commands
 * ({@link io.taskshard.scheduler.OperatorCommands}), recurring jobs
 * ({@link io.taskshard.scheduler.Schedules}, {@link io.taskshard.scheduler.ScheduleCalendar}),
 * coalesced task-done ({@link io.taskshard.scheduler.DoneBroadcast}) and restart
 * ({@link io.taskshard.scheduler.Recovery}). May depend on {@code model}, {@code protocol},
 * {@code schema} and the JDK (plus cron-utils for cron lines) only; ArchitectureRulesTest checks it.
 */
package io.taskshard.scheduler;
