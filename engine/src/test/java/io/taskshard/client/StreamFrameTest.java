package io.taskshard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskshard.client.StreamFrame.AttemptUpdate;
import io.taskshard.client.StreamFrame.Delta;
import io.taskshard.client.StreamFrame.JobUpdate;
import io.taskshard.client.StreamFrame.PeerUpdate;
import io.taskshard.client.StreamFrame.TaskUpdate;
import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AttemptState;
import io.taskshard.model.JobKind;
import io.taskshard.model.PeerState;
import io.taskshard.model.RepoEntry;
import io.taskshard.model.TaskState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decoding event-stream frames as docs/operator-api.md shows them into model records. */
class StreamFrameTest {

    @Test
    void theDocumentedDeltaDecodesIntoModelRecords() {
        String text = """
                {"type": "delta", "version": 4, "changes": [
                  {"kind": "attempt", "lease": 1, "jobId": 1, "taskId": "//web:test", "attempt": 1, "peer": "ci-1",
                   "state": "succeeded", "assignedAt": 1795458800344, "startedAt": 1795458800415,
                   "endedAt": 1795458800419, "exitCode": 0, "durationMs": 1234},
                  {"kind": "task", "uid": 3, "jobId": 1, "id": "//web:test", "state": "succeeded", "priority": 0,
                   "attemptsUsed": 1, "maxAttempts": 3, "currentLease": 0, "readySince": 1795458800344,
                   "target": "//web:test", "timeoutMs": 0, "needs": [], "resources": {"cpu": 0.0, "memoryMb": 0},
                   "labels": [], "extra": {"simulate": "3s"}, "someFutureField": true},
                  {"kind": "job", "id": 1, "jobKind": "shared", "name": "monorepo", "schemaHash": "81cd",
                   "cacheId": "rc-1", "repoState": {"main": {"baseRef": "abc123", "additionalPatchsets": ["refs/changes/1"]}},
                   "complexPatchset": false, "state": "running", "taskCount": 4, "doneCount": 1,
                   "counts": {"blocked": 0, "ready": 2, "running": 1, "succeeded": 1, "failed": 0, "cancelled": 0},
                   "failedTasks": [],
                   "createdAt": 1795458800344, "finishedAt": 0},
                  {"kind": "peer", "id": "ci-1", "jobId": 1, "state": "connected", "slots": 1, "labels": ["linux"],
                   "resources": {"cpu": 0.0, "memoryMb": 0}, "draining": false, "worker": false, "running": [2],
                   "tasksDone": 1, "connectedAt": 1795458800344, "lastSeenAt": 1795458809409},
                  {"kind": "something-new", "id": 5}]}
                """;

        Delta delta = (Delta) StreamFrame.parse(text).orElseThrow();

        assertThat(delta.version()).isEqualTo(4);
        assertThat(delta.changes()).hasSize(4).as("the unknown kind is skipped");
        AttemptRecord a = ((AttemptUpdate) delta.changes().get(0)).attempt();
        assertThat(a.peerId()).isEqualTo("ci-1");
        assertThat(a.state()).isEqualTo(AttemptState.SUCCEEDED);
        assertThat(a.exitCode()).isZero();
        TaskInfo t = ((TaskUpdate) delta.changes().get(1)).task();
        assertThat(t.task().taskId()).isEqualTo("//web:test");
        assertThat(t.task().state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(t.spec().attempts()).isEqualTo(3);
        assertThat(t.spec().extra()).containsEntry("simulate", "3s");
        var job = ((JobUpdate) delta.changes().get(2)).job();
        assertThat(job.kind()).isEqualTo(JobKind.SHARED);
        assertThat(job.repoState()).containsEntry("main", new RepoEntry("abc123", null, List.of("refs/changes/1")));
        assertThat(job.counts()).isEqualTo(new io.taskshard.model.TaskCounts(0, 2, 1, 1, 0, 0));
        var peer = ((PeerUpdate) delta.changes().get(3)).peer();
        assertThat(peer.state()).isEqualTo(PeerState.CONNECTED);
        assertThat(peer.running()).containsExactly(2L);
    }

    @Test
    void aTaskWithoutSpecFieldsHasNoSpec() {
        String text = """
                {"type": "snapshot", "version": 1, "jobs": [], "peers": [], "attempts": [],
                 "tasks": [{"uid": 1, "jobId": 1, "id": "a", "state": "ready", "priority": 0, "attemptsUsed": 0,
                            "maxAttempts": 0, "currentLease": 0, "readySince": 0}]}
                """;

        StreamFrame.Snapshot s = (StreamFrame.Snapshot) StreamFrame.parse(text).orElseThrow();

        assertThat(s.tasks()).singleElement().satisfies(t -> assertThat(t.spec()).isNull());
    }

    @Test
    void anUnknownFrameTypeIsSkipped() {
        assertThat(StreamFrame.parse("{\"type\": \"hint\", \"version\": 3}")).isEmpty();
    }

    @Test
    void framesThatDoNotFitAreRefusedSayingWhere() {
        assertThatThrownBy(() -> StreamFrame.parse("{\"type\": \"delta\", \"version\": 3, \"changes\": [ {"))
                .isInstanceOf(ClientException.class).hasMessageContaining("event stream frame is not valid JSON");
        assertThatThrownBy(() -> StreamFrame.parse("{\"type\": \"delta\", \"changes\": []}"))
                .isInstanceOf(ClientException.class).hasMessageContaining("has no numeric 'version'");
        assertThatThrownBy(() -> StreamFrame.parse("{\"type\": \"snapshot\", \"version\": 3}"))
                .isInstanceOf(ClientException.class).hasMessageContaining("snapshot 3 has no 'jobs' list");
        assertThatThrownBy(() -> StreamFrame.parse(
                "{\"type\": \"delta\", \"version\": 3, \"changes\": [{\"kind\": \"task\", \"uid\": 7, \"id\": \"a\"}]}"))
                .isInstanceOf(ClientException.class).hasMessageContaining("task 7 has no 'state'");
        assertThatThrownBy(() -> StreamFrame.parse(
                "{\"type\": \"delta\", \"version\": 3, \"changes\": [{\"kind\": \"job\", \"id\": 1, \"state\": \"exploded\"}]}"))
                .isInstanceOf(ClientException.class).hasMessageContaining("cannot read the job").hasMessageContaining("exploded");
    }
}
