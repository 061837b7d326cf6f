package io.taskshard.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job's attempts in the Chrome trace event format (JSON object form), which Perfetto and
 * chrome://tracing open: one process per peer (named by {@code process_name} metadata), one
 * thread per slot, one complete event ({@code ph: "X"}) per attempt named by its task id.
 * Timestamps are microseconds since the job's first assignment, whose epoch milliseconds are
 * in {@code otherData.originEpochMs}.
 */
public final class ChromeTrace {
    /** Microseconds per millisecond: trace timestamps are µs, ours are ms. */
    private static final long MICROS_PER_MILLI = 1_000;
    /** Jackson's ObjectMapper is thread-safe once configured; one is enough. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChromeTrace() {
    }

    /** The trace as JSON, as of the view's last recorded event ({@link JobView#settledAt()}). */
    public static String of(JobView view) {
        return of(view, view.settledAt());
    }

    /** The trace as JSON; live attempts end at {@code now}. */
    public static String of(JobView view, long now) {
        try {
            return JSON.writeValueAsString(toMap(view, now));
        } catch (JsonProcessingException e) {
            // Only maps, lists, strings and numbers go in, so this is a bug, not bad input.
            throw new IllegalStateException("could not write the trace of job " + view.job().id() + " as JSON", e);
        }
    }

    /** The trace as plain maps and lists, for a caller that serialises it itself. */
    public static Map<String, Object> toMap(JobView view, long now) {
        Gantt gantt = GanttRows.byPeer(view, now);
        long origin = gantt.origin();
        List<Map<String, Object>> events = new ArrayList<>();
        Map<String, Integer> pidByPeer = new LinkedHashMap<>();
        for (Gantt.Lane lane : gantt.lanes()) {
            String peer = lane.peerId();
            int tid = lane.slot();
            Integer pid = pidByPeer.get(peer);
            if (pid == null) {
                pid = pidByPeer.size() + 1;
                pidByPeer.put(peer, pid);
                events.add(metadata("process_name", pid, 0, Map.of("name", peer)));
                events.add(metadata("process_sort_index", pid, 0, Map.of("sort_index", pid)));
            }
            events.add(metadata("thread_name", pid, tid, Map.of("name", "slot " + tid)));
            for (Gantt.Bar bar : lane.bars()) {
                events.add(complete(bar, pid, tid, origin));
            }
        }
        Map<String, Object> trace = new LinkedHashMap<>();
        trace.put("traceEvents", events);
        trace.put("displayTimeUnit", "ms");
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("jobId", view.job().id());
        about.put("jobName", String.valueOf(view.job().name()));
        about.put("originEpochMs", origin);
        trace.put("otherData", about);
        return trace;
    }

    private static Map<String, Object> metadata(String name, int pid, int tid, Map<String, Object> args) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("name", name);
        event.put("ph", "M");
        event.put("pid", pid);
        event.put("tid", tid);
        event.put("args", args);
        return event;
    }

    private static Map<String, Object> complete(Gantt.Bar bar, int pid, int tid, long origin) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("lease", bar.lease());
        args.put("attempt", bar.attempt());
        args.put("outcome", bar.state().wire());
        if (bar.exitCode() != null) {
            args.put("exitCode", bar.exitCode());
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("name", bar.taskId());
        event.put("cat", "attempt");
        event.put("ph", "X");
        event.put("ts", (bar.start() - origin) * MICROS_PER_MILLI);
        event.put("dur", (bar.end() - bar.start()) * MICROS_PER_MILLI);
        event.put("pid", pid);
        event.put("tid", tid);
        event.put("args", args);
        return event;
    }
}
