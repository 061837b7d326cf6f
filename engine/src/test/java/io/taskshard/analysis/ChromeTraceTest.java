package io.taskshard.analysis;

import static io.taskshard.analysis.Fixtures.T0;
import static io.taskshard.analysis.Fixtures.attempt;
import static io.taskshard.analysis.Fixtures.job;
import static io.taskshard.analysis.Fixtures.ok;
import static io.taskshard.analysis.Fixtures.running;
import static io.taskshard.analysis.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AttemptState;
import io.taskshard.model.JobState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChromeTraceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void traceParsesWithOneCompleteEventPerAttempt() throws Exception {
        List<AttemptRecord> attempts = List.of(
                ok(11, "x", "a", 1_000, 3_000),
                ok(12, "y", "a", 1_500, 2_000),
                attempt(13, "z", 1, "b", AttemptState.FAILED, 2_000, 2_100, 2_500, 3, 400),
                attempt(14, "z", 2, "b", AttemptState.LOST, 2_500, 2_600, 4_000, null, 0),
                running(15, "z", "a", 4_000));
        JobView view = new JobView(job(JobState.RUNNING, 0, 0), List.of(task("x"), task("y"), task("z")), List.of(),
                attempts, Map.of("a", 2, "b", 1, "idle", 1), Map.of());

        JsonNode trace = JSON.readTree(ChromeTrace.of(view, T0 + 5_000));

        assertThat(trace.get("displayTimeUnit").asText()).isEqualTo("ms");
        assertThat(trace.at("/otherData/originEpochMs").asLong()).isEqualTo(T0 + 1_000);
        List<JsonNode> complete = new ArrayList<>();
        List<JsonNode> processNames = new ArrayList<>();
        for (JsonNode event : trace.get("traceEvents")) {
            assertThat(event.has("ph") && event.has("pid") && event.has("tid") && event.has("name")).isTrue();
            if (event.get("ph").asText().equals("X")) {
                complete.add(event);
            } else if (event.get("name").asText().equals("process_name")) {
                processNames.add(event);
            }
        }
        assertThat(complete).hasSize(attempts.size());
        assertThat(complete).allSatisfy(e -> {
            assertThat(e.get("ts").isIntegralNumber()).isTrue();
            assertThat(e.get("dur").asLong()).isNotNegative();
            assertThat(e.at("/args/lease").isIntegralNumber()).isTrue();
            assertThat(e.at("/args/attempt").isIntegralNumber()).isTrue();
            assertThat(e.at("/args/outcome").isTextual()).isTrue();
        });
        assertThat(processNames).extracting(e -> e.at("/args/name").asText()).containsExactly("a", "b", "idle");

        JsonNode lost = complete.stream().filter(e -> e.at("/args/lease").asLong() == 14).findFirst().orElseThrow();
        assertThat(lost.get("name").asText()).isEqualTo("z");
        assertThat(lost.get("ts").asLong()).isEqualTo(1_500_000);
        assertThat(lost.get("dur").asLong()).isEqualTo(1_500_000);
        assertThat(lost.at("/args/outcome").asText()).isEqualTo("lost");
        assertThat(lost.at("/args").has("exitCode")).isFalse();
        assertThat(lost.get("pid").asInt()).isEqualTo(pidOf(processNames, "b"));

        JsonNode failed = complete.stream().filter(e -> e.at("/args/lease").asLong() == 13).findFirst().orElseThrow();
        assertThat(failed.at("/args/exitCode").asInt()).isEqualTo(3);
        JsonNode live = complete.stream().filter(e -> e.at("/args/lease").asLong() == 15).findFirst().orElseThrow();
        assertThat(live.get("dur").asLong()).isEqualTo(1_000_000);
        assertThat(live.at("/args/outcome").asText()).isEqualTo("running");

        // The two overlapping attempts on "a" are on different threads of the same process.
        JsonNode x = complete.stream().filter(e -> e.at("/args/lease").asLong() == 11).findFirst().orElseThrow();
        JsonNode y = complete.stream().filter(e -> e.at("/args/lease").asLong() == 12).findFirst().orElseThrow();
        assertThat(x.get("pid")).isEqualTo(y.get("pid"));
        assertThat(x.get("tid")).isNotEqualTo(y.get("tid"));
    }

    @Test
    void jobWithoutAttemptsIsAnEmptyButValidTrace() throws Exception {
        JobView view = new JobView(job(JobState.RUNNING, 0, 0), List.of(task("x")), List.of(), List.of(),
                Map.of(), Map.of());

        JsonNode trace = JSON.readTree(ChromeTrace.of(view));

        assertThat(trace.get("traceEvents").isArray()).isTrue();
        assertThat(trace.get("traceEvents")).isEmpty();
    }

    private static int pidOf(List<JsonNode> processNames, String peer) {
        return processNames.stream().filter(e -> e.at("/args/name").asText().equals(peer)).findFirst().orElseThrow()
                .get("pid").asInt();
    }
}
