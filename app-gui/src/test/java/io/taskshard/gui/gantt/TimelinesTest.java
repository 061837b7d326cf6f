package io.taskshard.gui.gantt;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.analysis.Comparison;
import io.taskshard.analysis.JobView;
import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AttemptState;
import io.taskshard.model.JobKind;
import io.taskshard.model.JobRecord;
import io.taskshard.model.JobState;
import io.taskshard.model.TaskCounts;
import io.taskshard.model.Schema;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskState;
import io.taskshard.schema.SchemaLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimelinesTest {
    private static final Schema SCHEMA = SchemaLoader.parse("name: t\ntasks:\n  - {id: a}\n  - {id: b}\n  - {id: c}\n",
            "t.yaml");
    private static final JobRecord JOB = new JobRecord(1, JobKind.SHARED, "t", "h", "", Map.of(), false,
            JobState.RUNNING, 3, 1, new TaskCounts(0, 1, 1, 1, 0, 0), List.of(), 1000, 0);

    private static JobView view() {
        List<AttemptRecord> attempts = List.of(
                new AttemptRecord(1, 1, "a", 1, "p1", AttemptState.SUCCEEDED, 1000, 1000, 2000, 0, 1000, null, null),
                new AttemptRecord(2, 1, "b", 1, "p2", AttemptState.RUNNING, 1500, 1500, 0, null, 0, null, null));
        List<TaskRecord> tasks = List.of(new TaskRecord(1, 1, "a", TaskState.SUCCEEDED, 0, 1, 0, null, 1000),
                new TaskRecord(2, 1, "b", TaskState.RUNNING, 0, 1, 2, null, 1000),
                new TaskRecord(3, 1, "c", TaskState.READY, 0, 0, 0, null, 1000));
        return new JobView(JOB, SCHEMA.tasks(), tasks, attempts, Map.of("p1", 1, "p2", 1), Map.of());
    }

    @Test
    void by_peer_has_a_lane_per_slot_then_the_waiting_tasks_under_a_heading() {
        Timeline t = Timelines.byPeer(view(), 3000);

        assertThat(t.lanes()).extracting(Timeline.Lane::kind).containsExactly(Timeline.LaneKind.PEER_SLOT,
                Timeline.LaneKind.PEER_SLOT, Timeline.LaneKind.HEADER, Timeline.LaneKind.WAITING);
        assertThat(t.lanes().get(3).taskId()).isEqualTo("c");
        assertThat(t.firstLaneOf("p2")).hasValue(1);
        assertThat(t.locate("c")).hasValue(new BarRef(3, 0));
        // the running attempt and the waiting time grow with the clock
        assertThat(t.index().openCount()).isEqualTo(2);
        assertThat(t.index().end(3, 0, 5000)).isEqualTo(5000);
    }

    @Test
    void a_task_an_operator_pinned_to_a_peer_is_marked_waiting_for_it_from_its_ready_time() {
        // after a reassign the coordinator sends the task with preferredPeer: only p2 may take it
        JobView pinned = new JobView(JOB, SCHEMA.tasks(), List.of(
                new TaskRecord(1, 1, "a", TaskState.SUCCEEDED, 0, 1, 0, "p1", 1000),
                new TaskRecord(2, 1, "b", TaskState.RUNNING, 0, 1, 2, "p2", 1000),
                new TaskRecord(3, 1, "c", TaskState.READY, 0, 0, 0, "p2", 2500)), view().attempts(),
                Map.of("p1", 1, "p2", 1), Map.of());

        for (Timeline t : List.of(Timelines.byPeer(pinned, 3000), Timelines.byTask(pinned, 3000))) {
            assertThat(t.pins()).containsOnly(Map.entry("b", new Timeline.Pin("p2", -1)),
                    Map.entry("c", new Timeline.Pin("p2", 2500))); // an ended task's pin no longer matters
            assertThat(t.pinnedTo("c")).isEqualTo("p2");
            assertThat(t.pinnedTo("a")).isNull();
        }
    }

    @Test
    void a_task_has_the_same_group_hue_by_peer_and_by_task() {
        // by peer, p1's lane (task a) and p2's (task b) come before c's waiting lane; by task the
        // schema order: numbering hues by lane order would give them different colours per view
        Schema two = SchemaLoader.parse("name: t\ntasks:\n  - {target: '//z:a'}\n  - {target: '//y:b'}\n", "t.yaml");
        JobView grouped = new JobView(JOB, two.tasks(), List.of(
                new TaskRecord(1, 1, "//z:a", TaskState.RUNNING, 0, 1, 1, null, 1000),
                new TaskRecord(2, 1, "//y:b", TaskState.RUNNING, 0, 1, 2, null, 1000)), List.of(
                new AttemptRecord(1, 1, "//y:b", 1, "p1", AttemptState.RUNNING, 1000, 1000, 0, null, 0, null, null),
                new AttemptRecord(2, 1, "//z:a", 1, "p2", AttemptState.RUNNING, 1000, 1000, 0, null, 0, null, null)),
                Map.of("p1", 1, "p2", 1), Map.of());

        Timeline byPeer = Timelines.byPeer(grouped, 3000);
        Timeline byTask = Timelines.byTask(grouped, 3000);

        assertThat(byPeer.hue("//z:a")).isEqualTo(byTask.hue("//z:a")).isZero();
        assertThat(byPeer.hue("//y:b")).isEqualTo(byTask.hue("//y:b")).isEqualTo(1);
    }

    @Test
    void by_task_has_one_lane_per_task_in_schema_order() {
        Timeline t = Timelines.byTask(view(), 3000);

        assertThat(t.lanes()).extracting(Timeline.Lane::taskId).containsExactly("a", "b", "c");
        assertThat(t.origin()).isEqualTo(1000);
    }

    @Test
    void comparison_has_three_strips_on_one_scale_with_the_lower_bound_marked() {
        Comparison.Run linear = new Comparison.Run(3000, 6000, List.of(new Comparison.Bar("p1#1", "a", 0, 3000),
                new Comparison.Bar("p2#1", "a", 0, 3000)));
        Comparison.Run sharded = new Comparison.Run(1500, 3000, List.of(new Comparison.Bar("p1#1", "a", 0, 1500)));
        Comparison c = new Comparison(1, linear, linear, sharded, new Comparison.LowerBound(1200, 1200, 1000, 1000),
                2, 2, 0.8, 2, 2, 3, 0);

        Timeline t = Timelines.comparison(c);

        assertThat(t.lanes().stream().filter(l -> l.kind() == Timeline.LaneKind.RUN).map(Timeline.Lane::group)
                .distinct()).containsExactly("linear", "parallel", "sharded");
        assertThat(t.origin()).isZero();
        assertThat(t.end()).isEqualTo(3000);
        assertThat(t.markerAt()).isEqualTo(1200);
        assertThat(t.lanes().stream().filter(l -> l.kind() == Timeline.LaneKind.HEADER)).hasSize(3);
    }
}
