package io.taskshard.runners.cli;

import io.taskshard.model.JobRecord;
import io.taskshard.model.PeerRecord;
import io.taskshard.model.Resources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code taskshard status} shows, from what the operator API answered: jobs (state,
 * progress, on-hold tasks with the reason) and peers, as text tables or as JSON-ready maps. Pure.
 *
 * @param jobs  newest first
 * @param holds per job id: task id -> why it is on hold (running submitted jobs only)
 * @param peers by id
 */
record StatusView(List<JobRecord> jobs, Map<Long, Map<String, String>> holds, List<PeerRecord> peers) {

    String text() {
        StringBuilder b = new StringBuilder();
        List<List<String>> jobRows = new ArrayList<>();
        jobRows.add(List.of("JOB", "KIND", "NAME", "STATE", "PROGRESS", "FAILED", "ON HOLD"));
        for (JobRecord j : jobs) {
            Map<String, String> h = holds.getOrDefault(j.id(), Map.of());
            jobRows.add(List.of(String.valueOf(j.id()), j.kind().wire(), j.name(), j.state().wire(),
                    j.doneCount() + "/" + j.taskCount(), String.valueOf(j.failedTasks().size()),
                    h.isEmpty() ? "-" : String.valueOf(h.size())));
        }
        b.append("Jobs").append('\n');
        table(b, jobRows);
        holds.forEach((jobId, tasks) -> tasks.forEach((task, why) ->
                b.append("  job ").append(jobId).append(" task ").append(task).append(" on hold: ").append(why)
                        .append('\n')));
        List<List<String>> peerRows = new ArrayList<>();
        peerRows.add(List.of("PEER", "KIND", "STATE", "JOB", "SLOTS", "RUNNING", "DONE", "LABELS", "RESOURCES"));
        for (PeerRecord p : peers) {
            peerRows.add(List.of(p.id(), p.worker() ? "worker" : "peer", p.state().wire() + (p.draining() ? " (draining)" : ""),
                    p.jobId() == 0 ? "-" : String.valueOf(p.jobId()), String.valueOf(p.slots()),
                    String.valueOf(p.running().size()), String.valueOf(p.tasksDone()),
                    p.labels().isEmpty() ? "-" : String.join(",", p.labels()), resources(p.resources())));
        }
        b.append('\n').append("Peers").append('\n');
        table(b, peerRows);
        return b.toString();
    }

    /** The same as JSON-ready maps: {@code {jobs: [...], peers: [...]}}. */
    Map<String, Object> json() {
        List<Map<String, Object>> jobList = new ArrayList<>();
        for (JobRecord j : jobs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", j.id());
            m.put("jobKind", j.kind().wire());
            m.put("name", j.name());
            m.put("state", j.state().wire());
            m.put("taskCount", j.taskCount());
            m.put("doneCount", j.doneCount());
            m.put("failedTasks", j.failedTasks());
            m.put("onHold", holds.getOrDefault(j.id(), Map.of()));
            m.put("createdAt", j.createdAt());
            m.put("finishedAt", j.finishedAt());
            jobList.add(m);
        }
        List<Map<String, Object>> peerList = new ArrayList<>();
        for (PeerRecord p : peers) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", p.id());
            m.put("worker", p.worker());
            m.put("state", p.state().wire());
            m.put("draining", p.draining());
            m.put("jobId", p.jobId());
            m.put("slots", p.slots());
            m.put("running", p.running());
            m.put("tasksDone", p.tasksDone());
            m.put("labels", p.labels());
            m.put("resources", Map.of("cpu", p.resources().cpu(), "memoryMb", p.resources().memoryMb()));
            peerList.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jobs", jobList);
        out.put("peers", peerList);
        return out;
    }

    private static String resources(Resources r) {
        if (r.isNone()) {
            return "-";
        }
        String cpu = r.cpu() == Math.rint(r.cpu()) ? String.valueOf((long) r.cpu()) : String.format(Locale.ROOT, "%.1f", r.cpu());
        return "cpu=" + cpu + ",memoryMb=" + r.memoryMb();
    }

    private static void table(StringBuilder b, List<List<String>> rows) {
        int[] width = new int[rows.getFirst().size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == 0 ? "" : "  ").append(String.format(Locale.ROOT, "%-" + width[i] + "s", row.get(i)));
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
