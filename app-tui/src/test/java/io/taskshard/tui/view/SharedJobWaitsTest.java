package io.taskshard.tui.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.client.LiveView;
import io.taskshard.model.PeerRecord;
import io.taskshard.tui.SceneFixture;
import io.taskshard.tui.state.Scene;
import io.taskshard.tui.state.ViewState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The task detail of a ready task of a shared job (peers' job from their hellos) says why it
 * waits: the fixture's //app:d while every undrained peer of job 1 is busy, or while it is
 * reassigned to a busy peer.
 */
class SharedJobWaitsTest {
    static Scene with(List<PeerRecord> peers, boolean pinD) {
        Scene base = SceneFixture.scene();
        LiveView l = base.live();
        var tasks = l.tasksByJob().get(1L).stream().map(t -> !pinD || !t.task().taskId().equals("//app:d") ? t
                : new io.taskshard.client.TaskInfo(new io.taskshard.model.TaskRecord(t.task().uid(), 1, "//app:d",
                t.task().state(), 0, 0, 0, "p2", t.task().readySince()), t.spec())).toList();
        LiveView live = new LiveView(true, l.version(), l.jobs(), peers, Map.of(1L, tasks), l.attemptsByJob(),
                List.of());
        return new Scene(live, base.connection(), base.now(), base.zone(), base.title(), "", Map.of());
    }

    /** The fixture's peers with p3 (idle there) running lease 9: no peer of job 1 has a free slot. */
    static List<PeerRecord> allBusy() {
        return SceneFixture.scene().live().peers().stream().map(p -> !p.id().equals("p3") ? p
                : new PeerRecord(p.id(), p.jobId(), p.state(), p.slots(), p.labels(), p.resources(), p.draining(),
                p.worker(), List.of(9L), p.tasksDone(), p.connectedAt(), p.lastSeenAt())).toList();
    }

    @Test
    void aReadyTaskWhosePeersAreBusySaysItWaitsForAFreeSlot() {
        Canvas c = Dashboard.render(with(allBusy(), false), ViewState.INITIAL.withTask(4), 120, 24);

        assertThat(c.text()).contains("waiting for a free slot: the 3 peers of this job that fit are busy"
                + " (3/3 slots); p4 is draining");
    }

    @Test
    void aTaskWithNeitherTargetNorCommandDoesNotShowTargetNull() {
        // a simulated task (simulate: 3s) has neither: seen in tmux as "target null"
        Scene base = SceneFixture.scene();
        LiveView l = base.live();
        var tasks = l.tasksByJob().get(1L).stream().map(t -> new io.taskshard.client.TaskInfo(t.task(),
                new io.taskshard.model.TaskSpec(t.spec().id(), null, null, 0, 2, 0, t.spec().needs(),
                        t.spec().resources(), t.spec().labels(), Map.of("simulate", "3s")))).toList();
        LiveView live = new LiveView(true, l.version(), l.jobs(), l.peers(), Map.of(1L, tasks), l.attemptsByJob(),
                List.of());
        Scene scene = new Scene(live, base.connection(), base.now(), base.zone(), base.title(), "", Map.of());

        Canvas c = Dashboard.render(scene, ViewState.INITIAL.withTask(4), 120, 24);

        assertThat(c.text()).contains("needs -   labels -").doesNotContain("null");
    }

    @Test
    void aReadyTaskReassignedToABusyPeerSaysSo() {
        Canvas c = Dashboard.render(with(SceneFixture.scene().live().peers(), true), ViewState.INITIAL.withTask(4),
                120, 24);

        assertThat(c.text()).contains("reassigned to p2")
                .contains("pinned to peer p2 (reassigned), waiting for its free slot (1/1 slots busy)");
    }
}
