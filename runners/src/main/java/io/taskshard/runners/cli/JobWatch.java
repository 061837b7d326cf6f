package io.taskshard.runners.cli;

import io.taskshard.client.ConnectionException;
import io.taskshard.client.OperatorClient;
import io.taskshard.model.JobRecord;
import io.taskshard.model.JobState;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * {@code submit --wait}: follows one job until it ends, printing a line whenever its progress,
 * state or hold reasons change, and answers the exit code by its outcome (0 succeeded, 1 failed
 * or cancelled, 3 the coordinator stayed unreachable).
 */
final class JobWatch {
    static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(500);
    /** How long the coordinator may be unreachable while waiting before giving up. */
    static final Duration DEFAULT_UNREACHABLE_LIMIT = Duration.ofMinutes(2);
    static final int EXIT_SUCCEEDED = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_UNREACHABLE = 3;

    private final OperatorClient client;
    private final PrintWriter out;
    private final Duration pollInterval;

    JobWatch(OperatorClient client, PrintWriter out, Duration pollInterval) {
        this.client = client;
        this.out = out;
        this.pollInterval = pollInterval;
    }

    int await(long jobId) throws InterruptedException {
        String lastLine = null;
        long unreachableSince = 0;
        while (true) {
            JobRecord job;
            Map<String, String> holds;
            try {
                job = client.job(jobId).job();
                holds = job.state() == JobState.RUNNING ? client.holdReasons(jobId) : Map.of();
                unreachableSince = 0;
            } catch (ConnectionException e) {
                long now = System.nanoTime();
                unreachableSince = unreachableSince == 0 ? now : unreachableSince;
                if (now - unreachableSince > DEFAULT_UNREACHABLE_LIMIT.toNanos()) {
                    out.println("job " + jobId + ": lost the coordinator for " + DEFAULT_UNREACHABLE_LIMIT.toMinutes()
                            + " minutes: " + e.getMessage());
                    out.flush();
                    return EXIT_UNREACHABLE;
                }
                Thread.sleep(pollInterval.toMillis()); // polling a remote server, not synchronising threads
                continue;
            }
            String line = progressLine(job, holds);
            if (!Objects.equals(line, lastLine)) {
                out.println(line);
                out.flush();
                lastLine = line;
            }
            if (job.state().isEnd()) {
                return job.state() == JobState.SUCCEEDED ? EXIT_SUCCEEDED : EXIT_FAILED;
            }
            Thread.sleep(pollInterval.toMillis());
        }
    }

    /** One line about the job now; pure. */
    static String progressLine(JobRecord job, Map<String, String> holds) {
        StringBuilder b = new StringBuilder("job ").append(job.id()).append(" '").append(job.name()).append("': ")
                .append(job.state().wire()).append(", ").append(job.doneCount()).append('/').append(job.taskCount())
                .append(" tasks ended");
        if (!job.failedTasks().isEmpty()) {
            b.append(", failed: ").append(String.join(", ", job.failedTasks()));
        }
        holds.forEach((task, why) -> b.append(System.lineSeparator()).append("  on hold: ").append(task)
                .append(": ").append(why));
        return b.toString();
    }
}
