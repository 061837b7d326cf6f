package io.taskshard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskshard.client.OperatorClient;
import io.taskshard.client.ScheduleInfo;
import io.taskshard.client.ScheduleRequest;
import io.taskshard.client.ServerAddress;
import io.taskshard.client.Submission;
import io.taskshard.coordinator.CoordinatorConfig;
import io.taskshard.model.AuditRecord;
import io.taskshard.model.JobKind;
import io.taskshard.model.JobRecord;
import io.taskshard.model.Schema;
import io.taskshard.model.TaskSpec;
import io.taskshard.store.SqliteStore;
import io.taskshard.store.StoreOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schedules on a real coordinator (SQLite in a temp dir) whose clock the test sets: daily fires
 * across a month boundary, and fires missed while the coordinator was down, handled by each
 * schedule's misfire policy after a restart on the same database.
 */
class ScheduleIntegrationTest {
    static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path dataDir;
    final ManualClock clock = new ManualClock(Instant.parse("2025-01-30T12:00:00Z"));
    TaskshardServer server;
    OperatorClient client;

    void boot() {
        server = new TaskshardServer(ServerConfig.defaults(dataDir).withPort(0), clock,
                dir -> SqliteStore.open(dir, StoreOptions.DEFAULTS), CoordinatorConfig.defaults());
        int port = server.start();
        client = new OperatorClient(ServerAddress.parse("127.0.0.1:" + port));
    }

    void shutDown() {
        client.close();
        server.close();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            shutDown();
        }
    }

    private ScheduleInfo add(String name, String misfire) {
        Submission job = Submission.of(new Schema("backup-" + name, List.of(TaskSpec.ofTarget("dump", "//db:dump"))));
        return client.addSchedule(new ScheduleRequest(name, "daily 02:00", "UTC", misfire, job));
    }

    private ScheduleInfo schedule(long id) {
        return client.schedules().stream().filter(s -> s.id() == id).findFirst().orElseThrow();
    }

    private ScheduleInfo awaitFires(long id, int fires) {
        await().atMost(PATIENCE).until(() -> schedule(id).fires() == fires);
        return schedule(id);
    }

    @Test
    void dailyScheduleFiresEachDayAcrossAMonthBoundary() {
        boot();
        ScheduleInfo s = add("nightly", "run-once");
        assertThat(Instant.ofEpochMilli(s.nextFireAt())).isEqualTo(Instant.parse("2025-01-31T02:00:00Z"));

        clock.set(Instant.parse("2025-01-31T02:00:00Z"));
        ScheduleInfo first = awaitFires(s.id(), 1);
        clock.set(Instant.parse("2025-02-01T02:00:00Z"));
        ScheduleInfo second = awaitFires(s.id(), 2);

        assertThat(Instant.ofEpochMilli(second.nextFireAt())).isEqualTo(Instant.parse("2025-02-02T02:00:00Z"));
        assertThat(second.lastJobId()).isNotEqualTo(first.lastJobId());
        List<JobRecord> jobs = client.jobs();
        assertThat(jobs).extracting(JobRecord::id).containsExactlyInAnyOrder(first.lastJobId(), second.lastJobId());
        assertThat(jobs).allSatisfy(j -> {
            assertThat(j.kind()).isEqualTo(JobKind.SUBMITTED);
            assertThat(j.name()).isEqualTo("backup-nightly");
            assertThat(j.taskCount()).isEqualTo(1);
        });
        assertThat(client.job(second.lastJobId()).job().createdAt())
                .isEqualTo(Instant.parse("2025-02-01T02:00:00Z").toEpochMilli());
    }

    @Test
    void missedFiresAfterARestartFollowEachSchedulesMisfirePolicy() {
        boot();
        ScheduleInfo runOnce = add("run-once-backup", "run-once");
        ScheduleInfo skip = add("skip-backup", "skip");
        clock.set(Instant.parse("2025-01-31T02:00:00Z"));
        awaitFires(runOnce.id(), 1);
        awaitFires(skip.id(), 1);
        shutDown();

        // Down for three fire times (Feb 1, 2 and 3, 02:00), back on Feb 3 at 09:00.
        clock.set(Instant.parse("2025-02-03T09:00:00Z"));
        boot();

        ScheduleInfo ran = awaitFires(runOnce.id(), 2);
        await().atMost(PATIENCE).until(() -> schedule(skip.id()).nextFireAt()
                == Instant.parse("2025-02-04T02:00:00Z").toEpochMilli());
        assertThat(Instant.ofEpochMilli(ran.nextFireAt())).isEqualTo(Instant.parse("2025-02-04T02:00:00Z"));
        assertThat(ran.lastFireAt()).isEqualTo(Instant.parse("2025-02-03T09:00:00Z").toEpochMilli());
        ScheduleInfo skipped = schedule(skip.id());
        assertThat(skipped.fires()).isEqualTo(1);
        // One job per schedule before the restart, one for the run-once catch-up: no job per missed day.
        assertThat(client.jobs()).hasSize(3);
        List<AuditRecord> audit = client.audit();
        assertThat(audit).anySatisfy(a -> {
            assertThat(a.actor()).isEqualTo("schedule:skip-backup");
            assertThat(a.action()).isEqualTo("skip");
            assertThat(a.detail()).contains("2025-02-01T02:00:00Z").contains("misfire policy skip");
        });
        assertThat(audit).anySatisfy(a -> {
            assertThat(a.actor()).isEqualTo("schedule:run-once-backup");
            assertThat(a.detail()).contains("job " + ran.lastJobId()).contains("misfire policy run-once");
        });

        // And it goes on normally after the catch-up.
        clock.set(Instant.parse("2025-02-04T02:00:00Z"));
        awaitFires(runOnce.id(), 3);
        awaitFires(skip.id(), 2);
    }

    /** A clock the test sets; read by the coordinator thread. */
    static final class ManualClock extends Clock {
        private final AtomicLong millis;

        ManualClock(Instant start) {
            millis = new AtomicLong(start.toEpochMilli());
        }

        void set(Instant t) {
            millis.set(t.toEpochMilli());
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("one zone is enough for these tests");
        }
    }
}
