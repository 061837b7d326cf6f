package io.taskshard.scheduler;

import static io.taskshard.scheduler.SchedulerHarness.assigns;
import static io.taskshard.scheduler.SchedulerHarness.taskOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.model.Change;
import io.taskshard.model.JobTemplate;
import io.taskshard.model.MisfirePolicy;
import io.taskshard.model.RecoveredState;
import io.taskshard.model.Schema;
import io.taskshard.model.ScheduleRecord;
import io.taskshard.model.TaskSpec;
import io.taskshard.protocol.PeerMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The workers' queue and schedules, driven through {@link Scheduler#handle} with a manual clock. */
class WorkerQueueScenariosTest {
    final SchedulerHarness h = new SchedulerHarness();

    static PeerMessage.Hello worker(String id, int slots) {
        return new PeerMessage.Hello(1, id, null, null, Map.of(), false, slots, List.of(), null, null, List.of(), true);
    }

    static TaskSpec task(String id, Long toleranceMs) {
        return new TaskSpec(id, null, "true", 0, 3, 0, List.of(), null, List.of(),
                toleranceMs == null ? Map.of() : Map.of(TaskSpec.DELAY_TOLERANCE_FIELD, toleranceMs));
    }

    void submit(String name, Integer priority, TaskSpec... tasks) {
        h.command(OperatorCommand.Submit.of(new JobTemplate(new Schema(name, List.of(tasks)), priority, null, null,
                null, null, null)));
    }

    /** Queues jobs while the only worker is busy, then frees it slot by slot and records the order. */
    List<String> orderServed(Runnable queueUp) {
        h.join(worker("w", 1));
        submit("blocker", 100, task("hold", null));
        long blockerLease = assigns(h.last).getFirst().lease();
        queueUp.run();
        List<String> order = new java.util.ArrayList<>();
        h.succeed("w", blockerLease);
        while (!assigns(h.last).isEmpty()) {
            var a = assigns(h.last).getFirst();
            order.add(taskOf(a));
            h.succeed("w", a.lease());
        }
        return order;
    }

    static Stream<Arguments> queueCases() {
        return Stream.of(
                Arguments.of("priority first, whatever was queued before", (QueueUp) t -> {
                    t.submit("low", 0, task("low1", null), task("low2", null));
                    t.submit("high", 5, task("high1", null));
                }, List.of("high1", "low1", "low2")),
                Arguments.of("same priority: closest to breaching its tolerance first", (QueueUp) t -> {
                    t.submit("patient", 0, task("patient", 3_600_000L));
                    t.h.advance(1_000);
                    t.submit("hurried", 0, task("hurried", 60_000L));
                }, List.of("hurried", "patient")),
                Arguments.of("same priority, same tolerance: the one waiting longest first", (QueueUp) t -> {
                    t.submit("first", 0, task("first", 60_000L));
                    t.h.advance(1_000);
                    t.submit("second", 0, task("second", 60_000L));
                }, List.of("first", "second")),
                Arguments.of("an older task catches up with a tighter tolerance", (QueueUp) t -> {
                    t.submit("old", 0, task("old", 120_000L));
                    t.h.advance(90_000); // old breaches at +120 s; young at +90 s + 60 s = 150 s
                    t.submit("young", 0, task("young", 60_000L));
                }, List.of("old", "young")));
    }

    @FunctionalInterface
    interface QueueUp {
        void into(WorkerQueueScenariosTest t);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queueCases")
    void workersAreServedInQueueOrder(String rule, QueueUp queueUp, List<String> expected) {
        assertThat(orderServed(() -> queueUp.into(this))).as(rule).isEqualTo(expected);
    }

    @Test
    void aFailedSubmittedTaskWaitsOutItsBackoffBeforeTheNextAttempt() {
        h.join(worker("w", 1));
        submit("flaky", null, task("t", null));
        long first = assigns(h.last).getFirst().lease();
        h.fail("w", first);
        assertThat(assigns(h.last)).as("no retry at once").isEmpty();
        long backoff = SchedulerConfig.DEFAULT_RETRY_BACKOFF_MS;
        assertThat(h.advance(backoff - 1)).as("not before the backoff is over")
                .noneMatch(d -> d instanceof Decision.Send s && s.message() instanceof io.taskshard.protocol.CoordinatorMessage.Assign);
        assertThat(assigns(h.advance(1))).extracting(SchedulerHarness::taskOf).containsExactly("t");
        h.fail("w", assigns(h.last).getFirst().lease());
        h.advance(2 * backoff - 1);
        assertThat(assigns(h.last)).as("the second backoff is twice as long").isEmpty();
        assertThat(assigns(h.advance(1))).hasSize(1);
    }

    // ----------------------------------------------------------------------------- schedules

    static final long JAN_30_NOON = Instant.parse("2025-01-30T12:00:00Z").toEpochMilli();

    OperatorCommand.AddSchedule daily(String name, MisfirePolicy misfire) {
        return new OperatorCommand.AddSchedule(name, "daily 02:00", "UTC", misfire,
                new JobTemplate(new Schema("backup", List.of(task("dump", null))), null, null, null, null, null, null));
    }

    List<ScheduleRecord> scheduleChanges(List<Decision> ds) {
        return SchedulerHarness.changes(ds).stream().filter(c -> c instanceof Change.ScheduleChanged)
                .map(c -> ((Change.ScheduleChanged) c).schedule()).toList();
    }

    long jobsCreated(List<Decision> ds) {
        return SchedulerHarness.changes(ds).stream().filter(c -> c instanceof Change.JobCreated).count();
    }

    @Test
    void aScheduleFiresAtItsTimeAndPersistsTheFireWithTheJobItMakes() {
        h.now = JAN_30_NOON;
        List<Decision> added = h.command(daily("nightly", MisfirePolicy.RUN_ONCE));
        ScheduleRecord r = (ScheduleRecord) h.reply(added).body();
        assertThat(r.nextFireAt()).isEqualTo(Instant.parse("2025-01-31T02:00:00Z").toEpochMilli());

        assertThat(jobsCreated(h.advance(r.nextFireAt() - h.now - 1))).isZero();
        List<Decision> fired = h.advance(1);

        assertThat(jobsCreated(fired)).isEqualTo(1);
        ScheduleRecord after = scheduleChanges(fired).getFirst();
        assertThat(after.fires()).isEqualTo(1);
        assertThat(after.lastFireAt()).isEqualTo(h.now);
        assertThat(after.nextFireAt()).isEqualTo(Instant.parse("2025-02-01T02:00:00Z").toEpochMilli());
        assertThat(jobsCreated(h.advance(1_000))).as("fires once per fire time").isZero();
    }

    static Stream<Arguments> misfireCases() {
        return Stream.of(Arguments.of(MisfirePolicy.RUN_ONCE, 1L, 1), Arguments.of(MisfirePolicy.SKIP, 0L, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misfireCases")
    void afterDowntimeMissedFiresFollowTheMisfirePolicy(MisfirePolicy policy, long jobs, int fires) {
        h.now = JAN_30_NOON;
        ChangeFold fold = new ChangeFold();
        fold.apply(h.command(daily("nightly", policy)));
        RecoveredState stored = fold.recovered();

        // The coordinator comes back three days later: fires of Jan 31, Feb 1 and Feb 2 were missed.
        long later = Instant.parse("2025-02-02T09:00:00Z").toEpochMilli();
        h.scheduler = new Scheduler(h.scheduler.config(), stored, later);
        h.now = later;
        List<Decision> first = h.on(new Event.Tick());

        assertThat(jobsCreated(first)).isEqualTo(jobs);
        ScheduleRecord after = scheduleChanges(first).getFirst();
        assertThat(after.fires()).isEqualTo(fires);
        assertThat(after.nextFireAt()).isEqualTo(Instant.parse("2025-02-03T02:00:00Z").toEpochMilli());
    }

    @Test
    void aScheduleNamedTwiceOrNeverFiringIsRefused() {
        h.now = JAN_30_NOON;
        h.command(daily("nightly", MisfirePolicy.SKIP));
        assertThat(h.reply(h.command(daily("nightly", MisfirePolicy.SKIP))).status()).isEqualTo(409);
        Decision.Reply past = h.reply(h.command(new OperatorCommand.AddSchedule("old", "once 2024-01-01T00:00", "UTC",
                MisfirePolicy.SKIP, daily("x", MisfirePolicy.SKIP).job())));
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.message()).contains("never fires");
        Decision.Reply removed = h.reply(h.command(new OperatorCommand.RemoveSchedule(1)));
        assertThat(removed.status()).isEqualTo(200);
        assertThat(h.reply(h.command(new OperatorCommand.RemoveSchedule(1))).status()).isEqualTo(404);
    }
}
