package io.taskshard.analysis;

import static io.taskshard.analysis.Fixtures.T0;
import static io.taskshard.analysis.Fixtures.attempt;
import static io.taskshard.analysis.Fixtures.job;
import static io.taskshard.analysis.Fixtures.ok;
import static io.taskshard.analysis.Fixtures.task;
import static io.taskshard.analysis.Fixtures.taskRecord;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskshard.model.AttemptState;
import io.taskshard.model.JobState;
import io.taskshard.model.TaskState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The results travel over the operator API as JSON: they must survive a Jackson round trip. */
class JsonFormTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final JobView VIEW = new JobView(job(JobState.RUNNING, 0, 0),
            List.of(task("gen"), task("build", "gen"), task("later")),
            List.of(taskRecord("later", TaskState.READY)),
            List.of(ok(1, "gen", "a", 0, 1_000),
                    attempt(2, "build", 1, "b", AttemptState.LOST, 1_000, 1_100, 3_000, null, 0)),
            Map.of("a", 2, "b", 1), Map.of("later", 500L));

    @Test
    void comparisonRoundTrips() throws Exception {
        Comparison comparison = Comparisons.of(VIEW, T0 + 4_000);

        String json = JSON.writeValueAsString(comparison);

        assertThat(JSON.readValue(json, Comparison.class)).isEqualTo(comparison);
        assertThat(JSON.readTree(json).at("/lowerBound/criticalPathMs").asLong()).isEqualTo(1_000 + 1_000); // gen measured; build estimated at the mean measured
    }

    @Test
    void ganttRoundTrips() throws Exception {
        for (Gantt gantt : List.of(GanttRows.byPeer(VIEW, T0 + 4_000), GanttRows.byTask(VIEW, T0 + 4_000))) {
            String json = JSON.writeValueAsString(gantt);

            assertThat(JSON.readValue(json, Gantt.class)).isEqualTo(gantt);
        }
    }
}
