package io.taskshard.scheduler;

import io.taskshard.model.AttemptRecord;
import io.taskshard.model.Change;
import io.taskshard.model.JobRecord;
import io.taskshard.model.JobState;
import io.taskshard.model.PeerRecord;
import io.taskshard.model.RecoveredState;
import io.taskshard.model.ScheduleRecord;
import io.taskshard.model.StoredJob;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds persisted changes into what a store would recover, so scheduler restarts can be
 * tested without I/O. The real store is exercised by the store and integration tests.
 */
final class ChangeFold {
    final Map<Long, JobRecord> jobs = new LinkedHashMap<>();
    final Map<Long, List<TaskSpec>> specs = new HashMap<>();
    final Map<Long, TaskRecord> tasks = new LinkedHashMap<>();
    final Map<Long, AttemptRecord> attempts = new LinkedHashMap<>();
    final Map<String, PeerRecord> peers = new HashMap<>();
    final Map<String, Long> expected = new HashMap<>();
    final Map<Long, ScheduleRecord> schedules = new LinkedHashMap<>();

    void apply(List<Decision> decisions) {
        for (Change c : SchedulerHarness.changes(decisions)) {
            switch (c) {
                case Change.JobCreated e -> {
                    jobs.put(e.job().id(), e.job());
                    specs.put(e.job().id(), e.specs());
                    e.tasks().forEach(t -> tasks.put(t.uid(), t));
                }
                case Change.JobChanged e -> jobs.put(e.job().id(), e.job());
                case Change.TaskChanged e -> tasks.put(e.task().uid(), e.task());
                case Change.AttemptChanged e -> attempts.put(e.attempt().lease(), e.attempt());
                case Change.PeerChanged e -> peers.put(e.peer().id(), e.peer());
                case Change.DurationObserved e -> expected.put(e.taskKey(), e.durationMs());
                case Change.Audited e -> { }
                case Change.ScheduleChanged e -> schedules.put(e.schedule().id(), e.schedule());
                case Change.ScheduleRemoved e -> schedules.remove(e.scheduleId());
            }
        }
    }

    /** One job as the store would read it back (for a retry of a job that left memory). */
    StoredJob storedJob(long jobId) {
        return new StoredJob(jobs.get(jobId), specs.get(jobId),
                tasks.values().stream().filter(t -> t.jobId() == jobId).toList(),
                attempts.values().stream().filter(a -> a.jobId() == jobId).toList());
    }

    RecoveredState recovered() {
        List<JobRecord> open = jobs.values().stream().filter(j -> j.state() == JobState.RUNNING).toList();
        List<Long> ids = open.stream().map(JobRecord::id).toList();
        List<AttemptRecord> openAttempts = attempts.values().stream().filter(a -> ids.contains(a.jobId())).toList();
        List<PeerRecord> holders = new ArrayList<>();
        openAttempts.stream().filter(a -> a.state().isLive()).map(AttemptRecord::peerId).distinct()
                .forEach(p -> holders.add(peers.get(p)));
        return new RecoveredState(open, specs, tasks.values().stream().filter(t -> ids.contains(t.jobId())).toList(),
                openAttempts, holders, attempts.keySet().stream().mapToLong(Long::longValue).max().orElse(0),
                jobs.keySet().stream().mapToLong(Long::longValue).max().orElse(0),
                tasks.keySet().stream().mapToLong(Long::longValue).max().orElse(0), expected)
                .withSchedules(List.copyOf(schedules.values()),
                        schedules.keySet().stream().mapToLong(Long::longValue).max().orElse(0));
    }
}
