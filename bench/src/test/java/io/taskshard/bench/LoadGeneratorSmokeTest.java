package io.taskshard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AttemptState;
import io.taskshard.model.JobState;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskState;
import io.taskshard.server.ServerConfig;
import io.taskshard.server.TaskshardServer;
import io.taskshard.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Keeps the benchmark tools working: tiny runs through the real coordinator (SQLite in a temp
 * directory, real sockets), checked for correctness only, never for speed.
 */
class LoadGeneratorSmokeTest {
    private static final int TASKS = 50;

    @TempDir
    Path dir;

    @Test
    void everyTaskIsStoredAsSucceededWithExactlyOneAttempt() throws Exception {
        try (TaskshardServer server = new TaskshardServer(ServerConfig.defaults(dir.resolve("data")).withPort(0))) {
            int port = server.start();
            LoadGenerator generator = parse(new LoadGenerator(), "--server", "127.0.0.1:" + port,
                    "--peers", "3", "--slots", "1", "--tasks", String.valueOf(TASKS), "--warmup-tasks", "0");

            LoadResult run = generator.run().measured();

            assertThat(run.check().ok()).as(run.check().describe()).isTrue();
            assertThat(run.frames().assigns()).isEqualTo(TASKS);
            assertThat(run.frames().acks()).isEqualTo(TASKS);
            // The coordinator's own record, read from its database: the generator's counts could
            // agree with themselves and still be wrong.
            Store.JobDetail job = server.store().job(run.check().jobs().getFirst()).orElseThrow();
            assertThat(job.job().state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(job.tasks()).extracting(TaskRecord::state).hasSize(TASKS).containsOnly(TaskState.SUCCEEDED);
            assertThat(job.attempts()).extracting(AttemptRecord::state).containsOnly(AttemptState.SUCCEEDED);
            assertThat(job.attempts().stream().collect(Collectors.groupingBy(AttemptRecord::taskId,
                    Collectors.counting())))
                    .hasSize(TASKS)
                    .allSatisfy((task, attempts) -> assertThat(attempts).isOne());
            assertThat(job.tasks()).extracting(TaskRecord::taskId).containsExactlyInAnyOrderElementsOf(
                    IntStream.range(0, TASKS).mapToObj(RunBoard::taskId).toList());
        }
    }

    @Test
    void inProcessRunWithWarmupWritesItsResultsAsJson() throws Exception {
        Path json = dir.resolve("results.json");
        LoadGenerator generator = parse(new LoadGenerator(), "--peers", "3", "--slots", "1", "--tasks",
                String.valueOf(TASKS), "--warmup-tasks", "10", "--data-dir", dir.resolve("data").toString(),
                "--json", json.toString());

        int exit = generator.call();

        assertThat(exit).isZero();
        JsonNode results = Reports.readJson(json).path("results");
        assertThat(results).hasSize(2);
        assertThat(results.get(0).path("label").asText()).isEqualTo("warmup");
        assertThat(results.get(0).path("check").path("tasksAssignedOnce").asInt()).isEqualTo(10);
        JsonNode run = results.get(1);
        assertThat(run.path("check").path("tasksAssignedOnce").asInt()).isEqualTo(TASKS);
        assertThat(run.path("check").path("tasksAssignedTwiceOrMore").asInt()).isZero();
        assertThat(run.path("frames").path("acks").asLong()).isEqualTo(TASKS);
        assertThat(run.path("check").path("outcomes")).extracting(JsonNode::asText).containsExactly("success");
    }

    @Test
    void echoBaselineCountsEveryRoundTrip() throws Exception {
        Path json = dir.resolve("echo.json");
        EchoBaseline echo = parse(new EchoBaseline(), "--peers", "3", "--slots", "2", "--messages", "60",
                "--warmup-messages", "0", "--json", json.toString());

        assertThat(echo.call()).isZero();

        List<JsonNode> results = List.copyOf(Reports.readJson(json).path("results").valueStream().toList());
        assertThat(results).hasSize(1);
        assertThat(results.getFirst().path("roundTrip").path("count").asLong()).isEqualTo(60);
        assertThat(Files.size(json)).isPositive();
    }

    private static <T> T parse(T command, String... args) {
        new CommandLine(command).parseArgs(args);
        return command;
    }
}
