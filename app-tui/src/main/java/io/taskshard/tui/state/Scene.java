package io.taskshard.tui.state;

import io.taskshard.analysis.JobView;
import io.taskshard.client.ConnectionState;
import io.taskshard.client.LiveView;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the coordinator's side of one frame is: the live model, the event stream's state, the
 * time, and jobs fetched over REST because the live model does not hold all their tasks.
 *
 * @param live       the live model's view
 * @param connection the event stream's state (the model is current only while live)
 * @param now        epoch ms of this frame
 * @param zone       for the clock in the header
 * @param title      what the dashboard shows (e.g. the server address or the demo's title)
 * @param banner     a line to stand out (the demo's end: "job 1 succeeded — press q to quit"), or ""
 * @param fetched    finished jobs read with {@code OperatorClient.job(id)}, by id
 * @param logFile    where this dashboard's log lines go (error messages point there), or "" when unknown
 */
public record Scene(LiveView live, ConnectionState connection, long now, ZoneId zone, String title, String banner,
                    Map<Long, JobView> fetched, String logFile) {
    public Scene {
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(connection, "connection");
        fetched = Map.copyOf(fetched);
        banner = banner == null ? "" : banner;
        logFile = logFile == null ? "" : logFile;
    }

    /** A scene whose log file is unknown. */
    public Scene(LiveView live, ConnectionState connection, long now, ZoneId zone, String title, String banner,
                 Map<Long, JobView> fetched) {
        this(live, connection, now, zone, title, banner, fetched, "");
    }

    /** "see the log file X" (or "see the log") for error messages. */
    public String seeLog() {
        return logFile.isEmpty() ? "see the dashboard's log" : "details in " + logFile;
    }

    /** The job as the analyses want it: from the live model when complete there, else as fetched. */
    public Optional<JobView> jobView(long jobId) {
        Optional<JobView> live = this.live.jobView(jobId);
        return live.isPresent() ? live : Optional.ofNullable(fetched.get(jobId));
    }
}
