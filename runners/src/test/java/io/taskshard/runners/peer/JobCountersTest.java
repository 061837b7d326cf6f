package io.taskshard.runners.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.protocol.CoordinatorMessage;
import io.taskshard.protocol.CoordinatorMessage.DoneTask;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobCountersTest {
    @Test
    void countsEachTaskOnceFromTheWelcomeOnAndNeverPastTheTotal() {
        JobCounters c = new JobCounters();
        c.welcome(new CoordinatorMessage.JobInfo(12, "ci", 4, 1));
        c.taskDone(new CoordinatorMessage.TaskDone(List.of(new DoneTask("a", "success", "p1"),
                new DoneTask("b", "failure", "p2"))));
        assertThat(c.progress()).isEqualTo(new PeerListener.JobProgress(12, "ci", 3, 4, 1, 2));

        // b retried by an operator and done again: still one task
        c.taskDone(new CoordinatorMessage.TaskDone(List.of(new DoneTask("b", "success", "p1"))));
        assertThat(c.progress()).isEqualTo(new PeerListener.JobProgress(12, "ci", 3, 4, 0, 2));

        c.taskDone(new CoordinatorMessage.TaskDone(List.of(new DoneTask("c", "success", "p1"),
                new DoneTask("d", "success", "p1"), new DoneTask("e", "success", "p1"))));
        assertThat(c.progress().done()).isEqualTo(4);
    }

    @Test
    void aNewWelcomeTakesOverTheCounts() {
        JobCounters c = new JobCounters();
        c.welcome(new CoordinatorMessage.JobInfo(3, "ci", 10, 0));
        c.taskDone(new CoordinatorMessage.TaskDone(List.of(new DoneTask("a", "success", "p1"))));
        c.welcome(new CoordinatorMessage.JobInfo(3, "ci", 10, 6));
        assertThat(c.progress().done()).isEqualTo(6);
    }
}
