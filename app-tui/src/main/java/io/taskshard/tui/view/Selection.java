package io.taskshard.tui.view;

import io.taskshard.analysis.Gantt;
import io.taskshard.analysis.GanttRows;
import io.taskshard.analysis.JobView;
import io.taskshard.model.AttemptRecord;
import io.taskshard.model.JobKind;
import io.taskshard.model.JobRecord;
import io.taskshard.model.JobState;
import io.taskshard.model.PeerRecord;
import io.taskshard.model.PeerState;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskSpec;
import io.taskshard.tui.state.Grouping;
import io.taskshard.tui.state.Scene;
import io.taskshard.tui.state.View;
import io.taskshard.tui.state.ViewState;
import java.util.List;
import java.util.Optional;

/**
 * Resolves what a {@link ViewState} selects in a {@link Scene}: the job, the peer, the Gantt
 * lane, the task. Renderers and the key handler both use it, so what is highlighted is what a
 * key acts on.
 */
public final class Selection {
    private Selection() {
    }

    /**
     * The selected job: the one chosen ({@link ViewState#jobId}), or {@link #newestRunning} when
     * none is chosen or it is gone. While following new jobs, a job newer than any seen at the
     * last frame ({@link ViewState#newestSeen}: it started since) is selected instead, even if it
     * has already ended; the followed job stays selected after it ends until the next one starts.
     */
    public static Optional<JobRecord> job(Scene scene, ViewState state) {
        List<JobRecord> jobs = scene.live().jobs();
        if (state.followJobs() && state.newestSeen() > 0 && !jobs.isEmpty()
                && jobs.getFirst().id() > state.newestSeen()) {
            return Optional.of(jobs.getFirst()); // the live model lists the newest (highest id) first
        }
        Optional<JobRecord> chosen = state.jobId() == 0 ? Optional.empty()
                : jobs.stream().filter(j -> j.id() == state.jobId()).findFirst();
        return chosen.or(() -> newestRunning(scene));
    }

    /** The newest running job, else the newest: what the dashboard shows first, and what F follows from. */
    public static Optional<JobRecord> newestRunning(Scene scene) {
        List<JobRecord> jobs = scene.live().jobs();
        return jobs.stream().filter(j -> j.state() == JobState.RUNNING).findFirst().or(() -> jobs.stream().findFirst());
    }

    /**
     * While following new jobs: moves the selection ({@link ViewState#jobId}) onto the job
     * {@link #job} selects when that changed (a new job started), so its Gantt starts afresh
     * (first lane, fit, now), and remembers the newest job id now known; otherwise the state as
     * it is. The shell applies it before each frame and key.
     */
    public static ViewState track(Scene scene, ViewState state) {
        if (!state.followJobs()) {
            return state;
        }
        ViewState out = job(scene, state).filter(j -> j.id() != state.jobId()).map(j -> state.withJob(j.id()))
                .orElse(state);
        List<JobRecord> jobs = scene.live().jobs();
        long newest = jobs.isEmpty() ? state.newestSeen() : jobs.getFirst().id();
        return newest == out.newestSeen() ? out : out.withNewestSeen(newest);
    }

    public static int jobIndex(Scene scene, ViewState state) {
        Optional<JobRecord> job = job(scene, state);
        return job.map(j -> scene.live().jobs().indexOf(j)).orElse(-1);
    }

    /** The selected peer of the overview; the first when none is chosen or it is gone. */
    public static Optional<PeerRecord> peer(Scene scene, ViewState state) {
        List<PeerRecord> peers = shownPeers(scene);
        return peers.stream().filter(p -> p.id().equals(state.peerId())).findFirst()
                .or(() -> peers.stream().findFirst());
    }

    public static int peerIndex(Scene scene, ViewState state) {
        return peer(scene, state).map(p -> shownPeers(scene).indexOf(p)).orElse(-1);
    }

    /** The peers the overview lists (departed ones pruned after a while, {@link PeerPruning}). */
    public static List<PeerRecord> shownPeers(Scene scene) {
        return PeerPruning.shown(scene.live().peers(), scene.now());
    }

    /** The time a job's chart ends at: now while it runs, its end once it ended. */
    public static long chartNow(JobView job, long now) {
        return job.job().state().isEnd() && job.job().finishedAt() > 0 ? job.job().finishedAt() : now;
    }

    /** The selected job's Gantt in the selected grouping, as of the scene's time. */
    public static Optional<Gantt> gantt(Scene scene, ViewState state) {
        return job(scene, state).flatMap(j -> scene.jobView(j.id())).map(view -> {
            long at = chartNow(view, scene.now());
            return state.grouping() == Grouping.BY_PEER ? GanttRows.byPeer(view, at) : GanttRows.byTask(view, at);
        });
    }

    /** Index of the selected lane; 0 when none is chosen or it is gone, -1 when there are no lanes. */
    public static int laneIndex(Gantt gantt, ViewState state) {
        List<Gantt.Lane> lanes = gantt.lanes();
        for (int i = 0; i < lanes.size(); i++) {
            if (lanes.get(i).name().equals(state.laneKey())) {
                return i;
            }
        }
        return lanes.isEmpty() ? -1 : 0;
    }

    /** The selected Gantt lane, if any. */
    public static Optional<Gantt.Lane> lane(Scene scene, ViewState state) {
        return gantt(scene, state).flatMap(g -> {
            int i = laneIndex(g, state);
            return i < 0 ? Optional.empty() : Optional.of(g.lanes().get(i));
        });
    }

    /**
     * The task commands act on: the task view's task; in the Gantt by task, the selected lane's
     * task; by peer, the task the selected slot runs now (else the last one it ran).
     */
    public static Optional<TaskPick> task(Scene scene, ViewState state) {
        if (state.view() == View.TASK) {
            return taskByUid(scene, state, state.taskUid());
        }
        if (state.view() != View.GANTT) {
            return Optional.empty();
        }
        Optional<JobView> view = job(scene, state).flatMap(j -> scene.jobView(j.id()));
        Optional<Gantt.Lane> lane = lane(scene, state);
        if (view.isEmpty() || lane.isEmpty()) {
            return Optional.empty();
        }
        String taskId;
        if (state.grouping() == Grouping.BY_TASK) {
            taskId = lane.get().name();
        } else {
            List<Gantt.Bar> bars = lane.get().bars();
            taskId = bars.stream().filter(b -> b.state() != null && b.state().isLive()).map(Gantt.Bar::taskId)
                    .findFirst().orElse(bars.isEmpty() ? null : bars.get(bars.size() - 1).taskId());
        }
        return taskId == null ? Optional.empty() : pick(view.get(), taskId);
    }

    /** The task with this uid in the selected job (or any job the live model holds). */
    public static Optional<TaskPick> taskByUid(Scene scene, ViewState state, long uid) {
        Optional<JobView> selected = job(scene, state).flatMap(j -> scene.jobView(j.id()));
        Optional<TaskPick> inSelected = selected.flatMap(v -> v.tasks().stream().filter(t -> t.uid() == uid)
                .findFirst().flatMap(t -> pick(v, t.taskId())));
        if (inSelected.isPresent()) {
            return inSelected;
        }
        return scene.live().task(uid).flatMap(t -> scene.jobView(t.jobId())).flatMap(v -> v.tasks().stream()
                .filter(t -> t.uid() == uid).findFirst().flatMap(t -> pick(v, t.taskId())));
    }

    private static Optional<TaskPick> pick(JobView view, String taskId) {
        Optional<TaskRecord> record = view.tasks().stream().filter(t -> t.taskId().equals(taskId)).findFirst();
        Optional<TaskSpec> spec = view.specs().stream().filter(s -> s.id().equals(taskId)).findFirst();
        if (record.isEmpty() || spec.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TaskPick(view, record.get(), spec.get()));
    }

    /**
     * Peers a task may be reassigned to, as the coordinator decides it: connected, not draining,
     * part of the task's job (a worker, for a submitted job), having the task's labels, and not
     * the peer running it now. The coordinator still has the last word (resources).
     */
    public static List<String> eligiblePeers(Scene scene, TaskPick task) {
        String runningOn = task.attempts().stream().filter(a -> a.state().isLive()).map(AttemptRecord::peerId)
                .findFirst().orElse(null);
        boolean submitted = task.job().job().kind() == JobKind.SUBMITTED;
        return scene.live().peers().stream()
                .filter(p -> p.state() == PeerState.CONNECTED && !p.draining())
                .filter(p -> submitted ? p.worker() : p.jobId() == task.job().job().id())
                .filter(p -> p.labels().containsAll(task.spec().labels()))
                .map(PeerRecord::id)
                .filter(id -> !id.equals(runningOn))
                .toList();
    }

    /** The peer the selected row is about: the overview's peer, or the Gantt lane's peer. */
    public static Optional<PeerRecord> actionPeer(Scene scene, ViewState state) {
        if (state.view() == View.OVERVIEW && state.focusPeers()) {
            return peer(scene, state);
        }
        if (state.view() == View.GANTT && state.grouping() == Grouping.BY_PEER) {
            return lane(scene, state).flatMap(l -> scene.live().peer(l.peerId()));
        }
        return Optional.empty();
    }
}
