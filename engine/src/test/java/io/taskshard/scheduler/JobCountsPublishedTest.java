package io.taskshard.scheduler;

import static io.taskshard.scheduler.SchedulerHarness.hello;
import static io.taskshard.scheduler.SchedulerHarness.tasks;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.model.Change;
import io.taskshard.model.TaskCounts;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The job record that goes out (store, event stream, API) carries the counts of the end of the
 * event. Seen in the TUI: "1 wait" beside a task its peer was running, because an assign changed
 * the counts without a job record going out.
 */
class JobCountsPublishedTest {
    private final SchedulerHarness h = new SchedulerHarness();

    private static TaskCounts lastCounts(List<Decision> ds) {
        return SchedulerHarness.changes(ds).stream().filter(c -> c instanceof Change.JobChanged)
                .map(c -> ((Change.JobChanged) c).job().counts()).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no job record went out in " + ds));
    }

    @Test
    void anAssignPublishesTheJobsCounts() {
        List<Decision> joined = h.join(hello("p1", "s", tasks("a", "b")));

        assertThat(lastCounts(joined)).isEqualTo(new TaskCounts(0, 1, 1, 0, 0, 0));
    }

    @Test
    void aFinishedTaskAndTheNextAssignGoOutAsOneRecordOfTheEndOfTheEvent() {
        h.join(hello("p1", "s", tasks("a", "b")));

        List<Decision> finished = h.succeed("p1", h.assignsTo("p1").get(0).lease());

        assertThat(lastCounts(finished)).isEqualTo(new TaskCounts(0, 0, 1, 1, 0, 0));
    }
}
