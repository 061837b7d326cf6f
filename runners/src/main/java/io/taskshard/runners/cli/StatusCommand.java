package io.taskshard.runners.cli;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskshard.cli.CliSupport;
import io.taskshard.client.ClientException;
import io.taskshard.client.ConnectionException;
import io.taskshard.client.OperatorClient;
import io.taskshard.model.JobKind;
import io.taskshard.model.JobRecord;
import io.taskshard.model.JobState;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code taskshard status}: jobs and peers of a coordinator, as tables or JSON. */
@Command(name = "status",
        mixinStandardHelpOptions = true,
        versionProvider = PeerCommand.Version.class,
        sortOptions = false,
        description = {"Shows the coordinator's jobs (state, progress, tasks on hold and why) and its peers and "
                + "workers, as tables, or as JSON for scripts."},
        footer = {"",
            "Examples:",
            "  taskshard status",
            "  taskshard status --server coord:7070 --limit 5",
            "  taskshard status --json | jq '.jobs[] | select(.onHold != {})'",
            "",
            "Exit codes: 0 shown, 2 usage error, 3 the coordinator could not be reached."})
public final class StatusCommand implements Callable<Integer> {
    static final int DEFAULT_LIMIT = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ServerOption server = new ServerOption();

    @Option(names = "--json", description = "Print JSON: {jobs: [...], peers: [...]}.")
    boolean json;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
            description = "Show at most this many jobs, newest first (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = {"-v", "--verbose"}, description = "Debug logging.")
    boolean verbose;

    @Override
    public Integer call() throws JsonProcessingException {
        CliSupport.setRootLogLevel(verbose ? Level.DEBUG : Level.WARN);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (limit < 1 || limit > 1000) {
            err.println("taskshard status: --limit must be from 1 to 1000, got " + limit);
            err.flush();
            return SubmitCommand.EXIT_USAGE;
        }
        StatusView view;
        try (OperatorClient client = server.client()) {
            List<JobRecord> jobs = client.jobs(null, limit);
            Map<Long, Map<String, String>> holds = new LinkedHashMap<>();
            for (JobRecord j : jobs) {
                if (j.kind() == JobKind.SUBMITTED && j.state() == JobState.RUNNING) {
                    Map<String, String> h = client.holdReasons(j.id());
                    if (!h.isEmpty()) {
                        holds.put(j.id(), h);
                    }
                }
            }
            view = new StatusView(jobs, holds, client.peers());
        } catch (ConnectionException e) {
            err.println("taskshard status: cannot reach the coordinator at " + server.text() + ": " + e.getMessage());
            err.flush();
            return JobWatch.EXIT_UNREACHABLE;
        } catch (IllegalArgumentException | ClientException e) {
            err.println("taskshard status: " + e.getMessage());
            err.flush();
            return SubmitCommand.EXIT_USAGE;
        }
        out.print(json ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(view.json()) + "\n" : view.text());
        out.flush();
        return 0;
    }
}
