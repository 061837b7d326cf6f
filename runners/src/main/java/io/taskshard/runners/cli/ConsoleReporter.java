package io.taskshard.runners.cli;

import io.taskshard.model.Durations;
import io.taskshard.protocol.Outcome;
import io.taskshard.runners.peer.PeerListener;
import io.taskshard.runners.peer.PeerResult;
import io.taskshard.runners.spi.RunResult;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What {@code taskshard peer} prints. {@link Mode#LIVE} (a terminal): one progress line redrawn
 * in place, e.g. {@code job 12 [#####.....] 14/40 done · running: //a:b (12s) · 3 peers}, with
 * important events printed above it. {@link Mode#PLAIN} (CI logs): timestamped lines. Either way
 * quiet when all goes well ({@code quiet}: only problems and the summary), loud when not: a
 * failed attempt prints the end of its log.
 */
final class ConsoleReporter implements PeerListener, AutoCloseable {
    /** A failed attempt prints at most this many lines of the end of its log. */
    static final int DEFAULT_FAILURE_LOG_LINES = 40;
    /** The live line is redrawn this often, so running times tick. */
    static final long DEFAULT_REDRAW_MS = 1_000;
    /** Width of the live line when the terminal does not say ({@code COLUMNS}). */
    static final int DEFAULT_WIDTH = 120;
    static final int BAR_CELLS = 10;
    private static final String CLEAR_LINE = "\r\u001b[2K";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    enum Mode { LIVE, PLAIN }

    private record Running(String taskId, long since) {
    }

    private final PrintWriter out;
    private final Mode mode;
    private final boolean quiet;
    private final Clock clock;
    private final int width;
    private final Map<Long, Running> running = new LinkedHashMap<>();
    private final ScheduledExecutorService redraw;
    private JobProgress job;
    private String status = "connecting…";
    private boolean lineShown;
    /** The last reconnect reason printed: repeats (every retry while the coordinator is down) are not. */
    private String lastLoss;
    /** The run ended: the live line is not drawn again. */
    private boolean over;

    ConsoleReporter(PrintWriter out, Mode mode, boolean quiet, Clock clock, int width) {
        this.out = out;
        this.mode = mode;
        this.quiet = quiet;
        this.clock = clock;
        this.width = Math.max(40, width);
        if (mode == Mode.LIVE) {
            redraw = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("taskshard-peer-progress").daemon(true).factory());
            redraw.scheduleWithFixedDelay(this::drawLine, DEFAULT_REDRAW_MS, DEFAULT_REDRAW_MS, TimeUnit.MILLISECONDS);
        } else {
            redraw = null;
        }
    }

    @Override
    public synchronized void connected(URI server, JobProgress job, boolean reconnect) {
        this.job = job;
        status = null;
        lastLoss = null;
        if (!quiet || reconnect) {
            say((reconnect ? "reconnected to " : "connected to ") + server + ": job " + job.jobId() + " '"
                    + job.name() + "', " + job.done() + "/" + job.total() + " tasks done");
        }
        drawLine();
    }

    /** The peer runs the schema on its own ({@code --fallback-local}). */
    synchronized void localRun(String name, int total) {
        job = new JobProgress(0, name, 0, total, 0, 0);
        status = "local fallback";
        drawLine();
    }

    @Override
    public synchronized void disconnected(String reason, Duration retryIn) {
        status = "reconnecting…";
        if (!reason.equals(lastLoss)) {
            lastLoss = reason;
            say("lost the coordinator (" + reason + "); reconnecting in " + Durations.format(retryIn.toMillis()));
        }
        drawLine();
    }

    @Override
    public synchronized void assigned(Assignment a) {
        running.put(a.lease(), new Running(a.taskId(), clock.millis()));
        if (mode == Mode.PLAIN && !quiet) {
            say("start " + a.taskId() + " (lease " + a.lease() + (a.attempt() > 1 ? ", attempt " + a.attempt() : "")
                    + ")");
        }
        drawLine();
    }

    @Override
    public synchronized void finished(Assignment a, RunResult r) {
        running.remove(a.lease());
        String took = Durations.format(r.durationMs());
        if (r.outcome() == Outcome.SUCCESS) {
            if (mode == Mode.PLAIN && !quiet) {
                say("done  " + a.taskId() + ": success in " + took);
            }
        } else {
            StringBuilder text = new StringBuilder("FAILED " + a.taskId() + " (attempt " + a.attempt() + "): "
                    + r.outcome().name().toLowerCase(java.util.Locale.ROOT)
                    + (r.exitCode() != null ? ", exit code " + r.exitCode() : "") + " after " + took
                    + (Boolean.FALSE.equals(r.retryable()) ? " (not retryable)" : ""));
            List<String> lines = r.log().lines().toList();
            if (lines.isEmpty()) {
                text.append("; it printed nothing");
            } else {
                int from = Math.max(0, lines.size() - DEFAULT_FAILURE_LOG_LINES);
                text.append(from > 0 ? "; the last " + (lines.size() - from) + " lines of its log:" : "; its log:");
                lines.subList(from, lines.size()).forEach(l -> text.append("\n    | ").append(l));
            }
            say(text.toString());
        }
        drawLine();
    }

    @Override
    public synchronized void cancelled(Assignment a, String reason) {
        running.remove(a.lease());
        if (!quiet) {
            say("cancelled " + a.taskId() + " (lease " + a.lease() + "): " + reason);
        }
        drawLine();
    }

    @Override
    public synchronized void progress(JobProgress job) {
        this.job = job;
        drawLine();
    }

    @Override
    public synchronized void notice(String message) {
        say("note: " + message);
    }

    @Override
    public synchronized void ended(PeerResult result) {
        over = true;
        running.clear();
        clearLine();
    }

    /** Prints a line (above the live line, which is drawn again after it). */
    synchronized void say(String text) {
        clearLine();
        if (mode == Mode.PLAIN) {
            text.lines().forEach(l -> out.println(TIME.format(clock.instant()) + " " + l));
        } else {
            out.println(text);
        }
        out.flush();
    }

    /** The live line as it would be drawn now (empty in plain mode). */
    synchronized String line() {
        if (mode != Mode.LIVE) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        if (job == null) {
            s.append(status);
        } else {
            int filled = job.total() == 0 ? BAR_CELLS : (int) ((long) job.done() * BAR_CELLS / job.total());
            s.append(job.jobId() == 0 ? "local" : "job " + job.jobId()).append(" [").append("#".repeat(filled))
                    .append(".".repeat(BAR_CELLS - filled)).append("] ").append(job.done()).append('/')
                    .append(job.total()).append(" done");
            if (job.failed() > 0) {
                s.append(", ").append(job.failed()).append(" failed");
            }
            if (status != null) {
                s.append(" · ").append(status);
            }
            long now = clock.millis();
            s.append(" · running: ");
            if (running.isEmpty()) {
                s.append("nothing");
            } else {
                s.append(String.join(", ", running.values().stream()
                        .map(r -> r.taskId() + " (" + (now - r.since()) / 1000 + "s)").toList()));
            }
            if (job.peers() > 0) {
                s.append(" · ").append(job.peers()).append(job.peers() == 1 ? " peer" : " peers");
            }
        }
        return s.length() <= width - 1 ? s.toString() : s.substring(0, width - 2) + "…";
    }

    private synchronized void drawLine() {
        if (mode != Mode.LIVE || over) {
            return;
        }
        out.print(CLEAR_LINE + line());
        out.flush();
        lineShown = true;
    }

    private void clearLine() {
        if (lineShown) {
            out.print(CLEAR_LINE);
            out.flush();
            lineShown = false;
        }
    }

    @Override
    public synchronized void close() {
        over = true;
        if (redraw != null) {
            redraw.shutdownNow();
        }
        clearLine();
    }
}
