package io.taskshard.runners.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskshard.protocol.CoordinatorMessage;
import io.taskshard.protocol.Outcome;
import io.taskshard.protocol.PeerMessage;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskRunTest {

    @Test
    void an_assign_frame_becomes_a_run_with_every_field_kept() {
        Map<String, Object> task = new HashMap<>();
        task.put("id", "//a:b");
        task.put("target", "//a:b");
        task.put("simulate", "3s");
        task.put("note", null); // JSON null survives
        CoordinatorMessage.Assign assign = new CoordinatorMessage.Assign(42, task, 2, 60_000);

        TaskRun run = TaskRun.of(assign, Path.of("/ws"), Map.of("CI", "1"));

        assertThat(run.lease()).isEqualTo(42);
        assertThat(run.attempt()).isEqualTo(2);
        assertThat(run.taskId()).isEqualTo("//a:b");
        assertThat(run.target()).isEqualTo("//a:b");
        assertThat(run.command()).isNull();
        assertThat(run.task()).containsEntry("simulate", "3s").containsKey("note");
        assertThat(run.timeoutMs()).isEqualTo(60_000);
        assertThat(run.env()).containsEntry("CI", "1");
    }

    @Test
    void an_assign_without_a_task_id_is_refused() {
        assertThatThrownBy(() -> TaskRun.of(new CoordinatorMessage.Assign(7, Map.of("target", "//x"), 1, 0), Path.of("."), Map.of()))
                .hasMessage("assign for lease 7 has a task without a string 'id'");
    }

    @Test
    void task_fields_say_which_task_and_field_is_wrong() {
        TaskFields f = new TaskFields("t", Map.of("simulate", "soon", "env", List.of("A=1"), "n", 1.5, "ok", "2"));

        assertThatThrownBy(() -> f.durationMillis("simulate")).hasMessageStartingWith("task 't', field 'simulate': bad duration 'soon'");
        assertThatThrownBy(() -> f.stringMap("env")).hasMessage("task 't', field 'env': must be a map of names to values, got [A=1] (list)");
        assertThatThrownBy(() -> f.longValue("n", 0)).hasMessageStartingWith("task 't', field 'n': must be a whole number, got 1.5");
        assertThat(f.longValue("ok", 0)).isEqualTo(2);
        assertThat(f.durationMillis("absent")).isEqualTo(-1);
    }

    @Test
    void a_result_becomes_the_finished_frame() {
        RunResult r = new RunResult(Outcome.FAILURE, 39, 1234, "log", true);

        assertThat(r.toFinished(9)).isEqualTo(new PeerMessage.Finished(9, Outcome.FAILURE, 39, 1234, "log", true));
    }
}
