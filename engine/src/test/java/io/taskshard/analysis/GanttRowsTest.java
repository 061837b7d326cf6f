package io.taskshard.analysis;

import static io.taskshard.analysis.Fixtures.T0;
import static io.taskshard.analysis.Fixtures.attempt;
import static io.taskshard.analysis.Fixtures.job;
import static io.taskshard.analysis.Fixtures.ok;
import static io.taskshard.analysis.Fixtures.running;
import static io.taskshard.analysis.Fixtures.task;
import static io.taskshard.analysis.Fixtures.taskRecord;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.analysis.Gantt.Kind;
import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AttemptState;
import io.taskshard.model.JobState;
import io.taskshard.model.TaskState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class GanttRowsTest {

    @Test
    void overlappingAttemptsOfAPeerTakeDifferentSlotsAndIdlePeersGetLanes() {
        List<AttemptRecord> attempts = List.of(
                ok(1, "x", "a", 0, 3_000), ok(2, "y", "a", 1_000, 2_000),
                // Starts exactly when x ends: reuses slot 1.
                ok(3, "z", "a", 3_000, 4_000),
                running(4, "w", "a", 1_500));
        JobView view = new JobView(job(JobState.RUNNING, 0, 0), List.of(task("x"), task("y"), task("z"), task("w")),
                List.of(), attempts, Map.of("a", 2, "idle", 1), Map.of());

        Gantt gantt = GanttRows.byPeer(view, T0 + 6_000);

        assertThat(gantt.lanes()).extracting(Gantt.Lane::name).containsExactly("a#1", "a#2", "a#3", "idle#1");
        assertThat(gantt.lanes().get(0).bars()).extracting(Gantt.Bar::lease).containsExactly(1L, 3L);
        assertThat(gantt.lanes().get(1).bars()).extracting(Gantt.Bar::lease).containsExactly(2L);
        assertThat(gantt.lanes().get(2).bars()).singleElement()
                .satisfies(b -> assertThat(b.end()).isEqualTo(T0 + 6_000))
                .satisfies(b -> assertThat(b.state()).isEqualTo(AttemptState.RUNNING));
        assertThat(gantt.lanes().get(3).bars()).isEmpty();
        assertThat(gantt.origin()).isEqualTo(T0);
        assertThat(gantt.end()).isEqualTo(T0 + 6_000);
        Gantt.Bar first = gantt.lanes().get(0).bars().get(0);
        assertThat(first).isEqualTo(new Gantt.Bar(Kind.ATTEMPT, 1, "x", "a", 1, AttemptState.SUCCEEDED,
                T0, T0 + 3_000, 0));
        // From bare attempts only used lanes appear.
        assertThat(GanttRows.byPeer(attempts, T0 + 6_000).lanes()).hasSize(3);
    }

    /** Random attempts: lanes never overlap, each attempt is drawn once, and no peer uses more lanes than needed. */
    @Property(tries = 200)
    void slotLanesNeverOverlap(@ForAll @Size(max = 60) List<@IntRange(max = 5_000) Integer> starts,
            @ForAll @Size(max = 60) List<@IntRange(max = 3_000) Integer> lengths,
            @ForAll @IntRange(min = 1, max = 4) int peers) {
        List<AttemptRecord> attempts = new ArrayList<>();
        for (int i = 0; i < Math.min(starts.size(), lengths.size()); i++) {
            String peer = "p" + (i % peers);
            long start = starts.get(i);
            attempts.add(i % 7 == 0
                    ? running(i + 1, "t", peer, start)
                    : ok(i + 1, "t", peer, start, start + lengths.get(i)));
        }
        long now = T0 + 9_000;

        Gantt gantt = GanttRows.byPeer(attempts, now);

        int drawn = 0;
        Map<String, Integer> lanesPerPeer = new HashMap<>();
        for (Gantt.Lane lane : gantt.lanes()) {
            lanesPerPeer.merge(lane.peerId(), 1, Integer::sum);
            List<Gantt.Bar> bars = lane.bars();
            for (int i = 1; i < bars.size(); i++) {
                assertThat(bars.get(i).start()).as("lane %s", lane.name())
                        .isGreaterThanOrEqualTo(bars.get(i - 1).end());
            }
            drawn += bars.size();
            assertThat(bars).allMatch(b -> b.peerId().equals(lane.peerId()));
        }
        assertThat(drawn).isEqualTo(attempts.size());
        lanesPerPeer.forEach((peer, lanes) -> assertThat(lanes).isEqualTo(mostAtOnce(attempts, peer, now)));
    }

    private static int mostAtOnce(List<AttemptRecord> attempts, String peer, long now) {
        int most = 0;
        for (AttemptRecord probe : attempts) {
            if (!probe.peerId().equals(peer)) {
                continue;
            }
            long t = AttemptSpans.start(probe);
            int live = 0;
            for (AttemptRecord a : attempts) {
                long end = Math.max(AttemptSpans.end(a, now), AttemptSpans.start(a) + AttemptSpans.MIN_LANE_HOLD_MS);
                if (a.peerId().equals(peer) && AttemptSpans.start(a) <= t && t < end) {
                    live++;
                }
            }
            most = Math.max(most, live);
        }
        return most;
    }

    /**
     * "build" needs "gen". gen ran 1..3 s; build was blocked until 3 s, waited until 4 s, failed
     * on a until 5 s, waited again, and succeeded on b 6..8 s. "late" is ready but never assigned.
     */
    @Test
    void byTaskShowsBlockedWaitingAndEveryAttempt() {
        List<AttemptRecord> attempts = List.of(
                ok(1, "gen", "a", 1_000, 3_000),
                attempt(2, "build", 1, "a", AttemptState.FAILED, 4_000, 4_100, 5_000, 1, 900),
                attempt(3, "build", 2, "b", AttemptState.SUCCEEDED, 6_000, 6_050, 8_000, 0, 1_950),
                attempt(4, "flaky", 1, "b", AttemptState.ERROR, 0, 0, 500, null, 0));
        JobView view = new JobView(job(JobState.RUNNING, 0, 0),
                List.of(task("gen"), task("build", "gen"), task("late"), task("flaky")),
                List.of(taskRecord("late", TaskState.READY), taskRecord("flaky", TaskState.READY)),
                attempts, Map.of("a", 1, "b", 1), Map.of());

        Gantt gantt = GanttRows.byTask(view, T0 + 10_000);

        assertThat(gantt.lanes()).extracting(Gantt.Lane::name).containsExactly("gen", "build", "late", "flaky");
        assertThat(gantt.lanes().get(0).bars()).extracting(Gantt.Bar::kind, b -> b.start() - T0, b -> b.end() - T0)
                .containsExactly(tuple(Kind.WAITING, 0L, 1_000L), tuple(Kind.ATTEMPT, 1_000L, 3_000L));
        assertThat(gantt.lanes().get(1).bars()).extracting(Gantt.Bar::kind, b -> b.start() - T0, b -> b.end() - T0)
                .containsExactly(tuple(Kind.BLOCKED, 0L, 3_000L), tuple(Kind.WAITING, 3_000L, 4_000L),
                        tuple(Kind.ATTEMPT, 4_000L, 5_000L), tuple(Kind.WAITING, 5_000L, 6_000L),
                        tuple(Kind.ATTEMPT, 6_000L, 8_000L));
        assertThat(gantt.lanes().get(1).bars()).filteredOn(b -> b.kind() == Kind.ATTEMPT)
                .extracting(Gantt.Bar::peerId, Gantt.Bar::attempt, Gantt.Bar::exitCode)
                .containsExactly(tuple("a", 1, 1), tuple("b", 2, 0));
        assertThat(gantt.lanes().get(2).bars()).extracting(Gantt.Bar::kind, b -> b.start() - T0, b -> b.end() - T0)
                .containsExactly(tuple(Kind.WAITING, 0L, 10_000L));
        // Errored at 0.5 s and ready again: waiting for its retry until now.
        assertThat(gantt.lanes().get(3).bars()).extracting(Gantt.Bar::kind, b -> b.start() - T0, b -> b.end() - T0)
                .containsExactly(tuple(Kind.ATTEMPT, 0L, 500L), tuple(Kind.WAITING, 500L, 10_000L));
        assertThat(gantt.origin()).isEqualTo(T0);
        assertThat(gantt.end()).isEqualTo(T0 + 10_000);
    }

    @Test
    void cancelledTaskThatNeverRanOfACancelledJobIsCancelledAtTheJobsEnd() {
        JobView view = new JobView(job(JobState.CANCELLED, 0, 2_000), List.of(task("never")),
                List.of(taskRecord("never", TaskState.CANCELLED)), List.of(), Map.of(), Map.of());

        Gantt gantt = GanttRows.byTask(view, T0 + 50_000);

        assertThat(gantt.lanes().get(0).bars()).extracting(Gantt.Bar::kind, b -> b.end() - T0)
                .containsExactly(tuple(Kind.WAITING, 2_000L), tuple(Kind.CANCELLED, 2_000L));
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }
}
