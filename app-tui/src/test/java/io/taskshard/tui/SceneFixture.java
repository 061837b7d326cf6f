package io.taskshard.tui;

import io.taskshard.client.ConnectionState;
import io.taskshard.client.LiveView;
import io.taskshard.client.TaskInfo;
import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AttemptState;
import io.taskshard.model.JobKind;
import io.taskshard.model.JobRecord;
import io.taskshard.model.JobState;
import io.taskshard.model.TaskCounts;
import io.taskshard.model.PeerRecord;
import io.taskshard.model.PeerState;
import io.taskshard.model.Resources;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskSpec;
import io.taskshard.model.TaskState;
import io.taskshard.tui.state.Scene;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * A small coordinator state for the pure tests, built from the engine's records as the event
 * stream delivers them: job 1 with five tasks (a succeeded on p1, b running on p1, c running on
 * p2, d waiting, e blocked on d), peers p1..p3 connected, p4 draining, p5 in another job.
 */
public final class SceneFixture {
    public static final long T0 = 1_700_000_000_000L;
    public static final long NOW = T0 + 10_000;

    private SceneFixture() {
    }

    public static Scene scene() {
        return scene(new ConnectionState.Live());
    }

    public static Scene scene(ConnectionState connection) {
        JobRecord job = new JobRecord(1, JobKind.SHARED, "demo", "hash", "rc", Map.of(), false, JobState.RUNNING, 5, 1,
                new TaskCounts(1, 1, 2, 1, 0, 0), List.of(), T0, 0);
        List<TaskInfo> tasks = List.of(
                task(1, "//app:a", TaskState.SUCCEEDED, 0, List.of()),
                task(2, "//app:b", TaskState.RUNNING, 2, List.of()),
                task(3, "//app:c", TaskState.RUNNING, 3, List.of()),
                task(4, "//app:d", TaskState.READY, 0, List.of()),
                task(5, "//app:e", TaskState.BLOCKED, 0, List.of("//app:d")));
        List<AttemptRecord> attempts = List.of(
                new AttemptRecord(1, 1, "//app:a", 1, "p1", AttemptState.SUCCEEDED, T0, T0, T0 + 2_000, 0, 2_000,
                        "compiling a\nall good", null),
                new AttemptRecord(2, 1, "//app:b", 1, "p1", AttemptState.RUNNING, T0 + 2_000, T0 + 2_000, 0, null, 0,
                        null, null),
                new AttemptRecord(3, 1, "//app:c", 1, "p2", AttemptState.RUNNING, T0 + 500, T0 + 500, 0, null, 0, null,
                        null));
        List<PeerRecord> peers = List.of(
                peer("p1", 1, PeerState.CONNECTED, false, List.of(2L), 1),
                peer("p2", 1, PeerState.CONNECTED, false, List.of(3L), 0),
                peer("p3", 1, PeerState.CONNECTED, false, List.of(), 0),
                peer("p4", 1, PeerState.CONNECTED, true, List.of(), 0),
                peer("p5", 2, PeerState.CONNECTED, false, List.of(), 0));
        LiveView live = new LiveView(true, 7, List.of(job), peers, Map.of(1L, tasks), Map.of(1L, attempts), List.of());
        return new Scene(live, connection, NOW, ZoneOffset.UTC, "test coordinator", "", Map.of());
    }

    static TaskInfo task(long uid, String id, TaskState state, long lease, List<String> needs) {
        TaskSpec spec = new TaskSpec(id, id, null, 0, 2, 0, needs, Resources.NONE, List.of(), Map.of());
        return new TaskInfo(new TaskRecord(uid, 1, id, state, 0, lease == 0 ? 0 : 1, lease, null,
                state == TaskState.READY ? T0 : 0), spec);
    }

    static PeerRecord peer(String id, long job, PeerState state, boolean draining, List<Long> running, int done) {
        return new PeerRecord(id, job, state, 1, List.of(), Resources.NONE, draining, false, running, done, T0, NOW);
    }
}
