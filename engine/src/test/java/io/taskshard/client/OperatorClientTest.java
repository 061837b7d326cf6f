package io.taskshard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskshard.analysis.Comparison;
import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AttemptState;
import io.taskshard.model.AuditRecord;
import io.taskshard.model.JobKind;
import io.taskshard.model.JobRecord;
import io.taskshard.model.JobState;
import io.taskshard.model.PeerRecord;
import io.taskshard.model.PeerState;
import io.taskshard.model.Resources;
import io.taskshard.model.Schema;
import io.taskshard.model.TaskSpec;
import io.taskshard.model.TaskState;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/** The REST client against a real coordinator with raw WebSocket peers. */
class OperatorClientTest extends ClientTestBase {

    @Test
    void readsShowPeersJobsTasksAndAttemptsAfterPeersJoin() {
        TestPeer a = join("a", "reads", 3);
        long jobId = a.awaitWelcome();
        String aTask = a.await("assign").path("task").path("id").asText();
        TestPeer b = join("b", "reads", 3);
        b.awaitWelcome();
        b.await("assign");

        assertThat(client.peers()).extracting(PeerRecord::id).containsExactly("a", "b");
        assertThat(client.peers()).allSatisfy(p -> {
            assertThat(p.state()).isEqualTo(PeerState.CONNECTED);
            assertThat(p.jobId()).isEqualTo(jobId);
            assertThat(p.running()).hasSize(1);
        });
        assertThat(client.peer("a").slots()).isEqualTo(1);

        JobRecord job = client.jobs().getFirst();
        assertThat(job.id()).isEqualTo(jobId);
        assertThat(job.kind()).isEqualTo(JobKind.SHARED);
        assertThat(job.name()).isEqualTo("reads");
        assertThat(job.state()).isEqualTo(JobState.RUNNING);
        assertThat(job.taskCount()).isEqualTo(3);
        assertThat(job.repoState()).containsKey("repo");
        assertThat(client.jobs(JobState.RUNNING, 5)).containsExactly(job);
        assertThat(client.jobs(JobState.SUCCEEDED, 5)).isEmpty();

        JobDetail detail = client.job(jobId);
        assertThat(detail.job()).isEqualTo(job);
        assertThat(detail.tasks()).extracting(TaskInfo::id).containsExactly("t1", "t2", "t3");
        assertThat(detail.specs()).extracting(TaskSpec::target).containsExactly("//t1", "//t2", "//t3");
        assertThat(detail.attempts()).extracting(AttemptRecord::peerId).containsExactlyInAnyOrder("a", "b");
        assertThat(detail.attempts(aTask)).singleElement().extracting(AttemptRecord::state)
                .isEqualTo(AttemptState.ASSIGNED);

        TaskDetail task = client.task(TaskRef.id(aTask));
        assertThat(task.task().task().state()).isEqualTo(TaskState.RUNNING);
        assertThat(task.attempts()).extracting(AttemptRecord::peerId).containsExactly("a");
        assertThat(client.task(TaskRef.uid(task.task().uid()))).isEqualTo(task);

        Health health = client.health();
        assertThat(health.status()).isEqualTo("ok");
        assertThat(health.peersConnected()).isEqualTo(2);
        assertThat(health.jobsRunning()).isEqualTo(1);
    }

    @Test
    void commandsAnswerWithTheTargetsStateAfterwards() {
        TestPeer a = join("a", "commands", 4);
        long jobId = a.awaitWelcome();
        JsonNode first = a.await("assign");
        join("b", "commands", 4).awaitWelcome();

        String running = first.path("task").path("id").asText();
        TaskRef runningRef = TaskRef.id(running, jobId);
        TaskDetail retried = client.retry(runningRef, true);
        assertThat(retried.attempts()).first().extracting(AttemptRecord::state).isEqualTo(AttemptState.CANCELLED);
        await().untilAsserted(() -> assertThat(client.task(runningRef).attempts()).extracting(AttemptRecord::state)
                .containsExactly(AttemptState.CANCELLED, AttemptState.ASSIGNED));

        TaskDetail prioritised = client.setPriority(TaskRef.id("t4"), 10);
        assertThat(prioritised.task().task().priority()).isEqualTo(10);

        TaskDetail reassigned = client.reassign(TaskRef.id("t4"), "a", false);
        assertThat(reassigned.task().task().preferredPeer()).isEqualTo("a");

        TaskDetail cancelled = client.cancelTask(TaskRef.id("t3"));
        assertThat(cancelled.task().task().state()).isEqualTo(TaskState.CANCELLED);

        assertThat(client.drain("b").draining()).isTrue();
        assertThat(client.undrain("b").draining()).isFalse();

        JobRecord job = client.cancelJob(jobId);
        assertThat(job.state()).isEqualTo(JobState.CANCELLED);

        assertThat(client.audit()).as("newest first").allMatch(AuditRecord::accepted)
                .extracting(AuditRecord::action)
                .containsExactly("canceljob", "undrain", "drain", "canceltask", "reassign", "setpriority", "retry");
        assertThat(client.audit(2)).hasSize(2);
    }

    @Test
    void refusalsArriveAsApiExceptionsWithStatusCodeAndTheServersWords() {
        TestPeer a = join("a", "refusals", 2);
        long jobId = a.awaitWelcome();
        client.cancelTask(TaskRef.id("t2"));

        assertThatThrownBy(() -> client.cancelTask(TaskRef.id("t2")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("conflict");
                    assertThat(e.serverMessage()).isEqualTo("task 't2' already ended (cancelled)");
                    assertThat(e.getMessage()).startsWith("POST " + address.apiBase() + "/tasks/t2/cancel: 409");
                });
        assertThatThrownBy(() -> client.job(77))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo("not-found");
                    assertThat(e.serverMessage()).isEqualTo("no job 77");
                });
        assertThatThrownBy(() -> client.reassign(TaskRef.id("t1"), "nobody", false))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo("unknown-peer");
                });
        assertThatThrownBy(() -> client.drain("nobody")).isInstanceOf(ApiException.class)
                .hasMessageContaining("no connected peer 'nobody'");
        assertThatThrownBy(() -> client.jobs(null, 5000))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("bad-request"));

        // A second job with the same task ids makes a bare id ambiguous.
        TestPeer other = join("x", "refusals-too", 2);
        long otherJob = other.awaitWelcome();
        assertThatThrownBy(() -> client.task(TaskRef.id("t1")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("ambiguous-task");
                    assertThat(e.details()).extractingByKey("jobs").asInstanceOf(InstanceOfAssertFactories.LIST)
                            .containsExactlyInAnyOrder((int) jobId, (int) otherJob);
                });
        assertThat(client.task(TaskRef.id("t1", otherJob)).task().jobId()).isEqualTo(otherJob);
    }

    @Test
    void anInvalidSchemaIsRefusedWithEveryProblem() {
        assertThatThrownBy(() -> client.submit(Submission.ofText(
                "name: nightly\ntasks:\n  - id: a\n    command: make\n    needs: [zz]\n")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("bad-request");
                    assertThat(e.problems()).containsExactly("request:5:13: task 'a' needs unknown task 'zz'");
                });
    }

    @Test
    void aSubmittedJobRunsOnAWorkerAndCanBeAnalysed() {
        Schema schema = new Schema("nightly", List.of(TaskSpec.ofTarget("build", "//build"),
                TaskSpec.ofTarget("test", "//test").withNeeds(List.of("build"))));
        JobRecord submitted = client.submit(Submission.of(schema).withPriority(5).withLabels(List.of())
                .withResources(new Resources(1, 0)).withAttempts(2).withExecCap(Duration.ofMinutes(30)));
        assertThat(submitted.kind()).isEqualTo(JobKind.SUBMITTED);
        assertThat(submitted.taskCount()).isEqualTo(2);
        JobDetail detail = client.job(submitted.id());
        assertThat(detail.specs()).allSatisfy(s -> {
            assertThat(s.attempts()).isEqualTo(2);
            assertThat(s.timeoutMs()).isEqualTo(Duration.ofMinutes(30).toMillis());
        });

        TestPeer worker = TestPeer.worker(address, "w1");
        peers.add(worker);
        worker.autoRun();
        await().until(() -> client.job(submitted.id()).job().state() == JobState.SUCCEEDED);

        Comparison comparison = client.comparison(submitted.id());
        assertThat(comparison.jobId()).isEqualTo(submitted.id());
        assertThat(comparison.tasks()).isEqualTo(2);
        assertThat(comparison.sharded().bars()).extracting(Comparison.Bar::taskId).containsExactly("build", "test");
        assertThat(client.trace(submitted.id())).startsWith("{\"traceEvents\":").contains("\"name\":\"build\"");
    }
}
