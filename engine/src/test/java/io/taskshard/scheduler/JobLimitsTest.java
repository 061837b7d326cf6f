package io.taskshard.scheduler;

import static io.taskshard.scheduler.SchedulerHarness.hello;
import static io.taskshard.scheduler.SchedulerHarness.messagesTo;
import static io.taskshard.scheduler.SchedulerHarness.tasks;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.model.Change;
import io.taskshard.model.JobState;
import io.taskshard.model.JobTemplate;
import io.taskshard.model.Schema;
import io.taskshard.model.TaskSpec;
import io.taskshard.protocol.CoordinatorMessage;
import io.taskshard.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Jobs and tasks held are bounded (issue 19): a hello or submit that would start a job over a
 * limit is refused naming it, nothing is created; a shared job nobody works on ends cancelled
 * and leaves memory.
 */
class JobLimitsTest {
    static final long GRACE_MS = 1_000;
    static final long ABANDONED_MS = 60_000;

    static SchedulerHarness harness(JobLimits limits) {
        return new SchedulerHarness(SchedulerConfig.defaults().withGraceMs(GRACE_MS).withHeartbeatMs(600_000)
                .withJobLimits(limits));
    }

    static List<TaskSpec> many(int n) {
        List<TaskSpec> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(TaskSpec.ofTarget("t" + i, "//t" + i));
        }
        return out;
    }

    private static List<Decision> joinAs(SchedulerHarness h, String owner, String peer, String schema, List<TaskSpec> specs) {
        return h.on(Event.PeerJoined.of(hello(peer, schema, specs), owner));
    }

    private static CoordinatorMessage.Error fatalErrorTo(List<Decision> ds, String peer, String code) {
        List<CoordinatorMessage.Error> errors = messagesTo(ds, peer, CoordinatorMessage.Error.class);
        assertThat(errors).as("errors to %s in %s", peer, ds).singleElement()
                .satisfies(e -> assertThat(e.code()).isEqualTo(code))
                .satisfies(e -> assertThat(e.fatal()).isTrue());
        assertThat(ds).anySatisfy(d -> assertThat(d).isInstanceOf(Decision.Disconnect.class)
                .matches(x -> ((Decision.Disconnect) x).peerId().equals(peer)));
        assertThat(messagesTo(ds, peer, CoordinatorMessage.Welcome.class)).isEmpty();
        return errors.get(0);
    }

    @Test
    void aTokenOverItsJobLimitIsRefusedWhileOtherTokensAndExistingJobsStillJoin() {
        SchedulerHarness h = harness(JobLimits.DEFAULTS.withMaxJobsPerToken(2));
        joinAs(h, "ci", "a", "s1", tasks("x"));
        joinAs(h, "ci", "b", "s2", tasks("x"));

        List<Decision> ds = joinAs(h, "ci", "c", "s3", tasks("x"));
        assertThat(fatalErrorTo(ds, "c", ErrorCode.TOO_MANY_JOBS).message())
                .contains("token 'ci'").contains("max-jobs-per-token").contains("2 jobs");
        assertThat(h.scheduler.stateForTests().jobs).hasSize(2);
        assertThat(SchedulerHarness.changes(ds)).noneMatch(c -> c instanceof Change.JobCreated);

        assertThat(messagesTo(joinAs(h, "ci", "d", "s1", tasks("x")), "d", CoordinatorMessage.Welcome.class))
                .as("joining a job it already holds starts nothing new").hasSize(1);
        assertThat(messagesTo(joinAs(h, "other", "e", "s3", tasks("x")), "e", CoordinatorMessage.Welcome.class))
                .as("another token has its own budget").hasSize(1);
    }

    @Test
    void tasksOverTheTotalOrPerTokenLimitAreRefused() {
        SchedulerHarness h = harness(JobLimits.DEFAULTS.withMaxTotalTasks(250).withMaxTasksPerToken(150));
        joinAs(h, "ci", "a", "s1", many(100));
        List<Decision> ds = joinAs(h, "ci", "b", "s2", many(100));
        assertThat(fatalErrorTo(ds, "b", ErrorCode.TOO_MANY_TASKS).message()).contains("max-tasks-per-token")
                .contains("150");
        joinAs(h, "other", "c", "s3", many(100));
        ds = joinAs(h, "third", "d", "s4", many(100));
        assertThat(fatalErrorTo(ds, "d", ErrorCode.TOO_MANY_TASKS).message()).contains("max-total-tasks")
                .contains("250");
    }

    @Test
    void theJobLimitCountsEveryJobHeld() {
        SchedulerHarness h = harness(JobLimits.DEFAULTS.withMaxJobs(1));
        joinAs(h, "a-token", "a", "s1", tasks("x"));
        List<Decision> ds = joinAs(h, "b-token", "b", "s2", tasks("x"));
        assertThat(fatalErrorTo(ds, "b", ErrorCode.TOO_MANY_JOBS).message()).contains("max-jobs limit");
    }

    @Test
    void submittedJobsAreBoundedByMaxTasksAndTheTotal() {
        SchedulerHarness h = harness(JobLimits.DEFAULTS.withMaxTotalTasks(150).withMaxTasksPerJob(120));
        Decision.Reply tooBig = h.reply(h.command(OperatorCommand.Submit.of(new JobTemplate(new Schema("big", many(121)),
                null, null, null, null, null, null))));
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.error()).isEqualTo(ErrorCode.TOO_MANY_TASKS);
        assertThat(tooBig.message()).contains("max-tasks");

        assertThat(h.reply(h.command(OperatorCommand.Submit.of(new JobTemplate(new Schema("ok", many(100)),
                null, null, null, null, null, null)))).status()).isEqualTo(201);
        Decision.Reply full = h.reply(h.command(OperatorCommand.Submit.of(new JobTemplate(new Schema("more", many(100)),
                null, null, null, null, null, null))));
        assertThat(full.status()).isEqualTo(429);
        assertThat(full.message()).contains("max-total-tasks");
    }

    @Test
    void aSharedJobWithNoPeerForTheAbandonmentTimeEndsCancelledAndLeavesMemory() {
        SchedulerHarness h = harness(JobLimits.DEFAULTS.withAbandonedAfterMs(ABANDONED_MS));
        joinAs(h, "ci", "a", "gone", tasks("x", "y"));
        long job = h.jobOf("a");
        h.on(new Event.PeerDisconnected("a"));
        h.advance(GRACE_MS + 1); // lost: the job has no peer from now
        assertThat(h.scheduler.stateForTests().jobs).containsKey(job);

        h.advance(ABANDONED_MS - 1_000);
        assertThat(h.scheduler.stateForTests().jobs).as("not yet").containsKey(job);
        List<Decision> ds = h.advance(1_000);
        assertThat(SchedulerHarness.changes(ds)).anySatisfy(c -> assertThat(c).isInstanceOf(Change.JobChanged.class)
                .matches(x -> ((Change.JobChanged) x).job().state() == JobState.CANCELLED));
        assertThat(h.scheduler.stateForTests().jobs).as("dropped from memory; its data stays stored").isEmpty();
        assertThat(h.scheduler.stateForTests().tasksByUid).isEmpty();

        // Its budget is free again.
        assertThat(messagesTo(joinAs(h, "ci", "b", "gone", tasks("x", "y")), "b", CoordinatorMessage.Welcome.class))
                .hasSize(1);
    }

    @Test
    void aJobWithAPeerIsNeverAbandoned() {
        SchedulerHarness h = harness(JobLimits.DEFAULTS.withAbandonedAfterMs(ABANDONED_MS));
        joinAs(h, "ci", "a", "busy", tasks("x"));
        h.advance(ABANDONED_MS * 2);
        assertThat(h.scheduler.stateForTests().jobs).hasSize(1);
    }
}
