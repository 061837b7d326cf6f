package io.taskshard.runners.cli;

import ch.qos.logback.classic.Level;
import io.taskshard.cli.CliSupport;
import io.taskshard.client.ApiException;
import io.taskshard.client.ConnectionException;
import io.taskshard.client.OperatorClient;
import io.taskshard.client.Submission;
import io.taskshard.model.JobRecord;
import io.taskshard.schema.SchemaException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code taskshard submit}: queues a job for workers, and with {@code --wait} follows it to its end. */
@Command(name = "submit",
        mixinStandardHelpOptions = true,
        versionProvider = PeerCommand.Version.class,
        sortOptions = false,
        description = {"Queues a job for workers ('taskshard worker'). Workers take its tasks by priority, then "
                + "the task closest to breaching its delay tolerance first; a task no connected worker fits waits "
                + "on hold (see 'taskshard status')."},
        footer = {"",
            "Durations need a unit: 1500ms, 10s, 30m, 1h30m (a bare number is refused).",
            "",
            "Examples:",
            "  taskshard submit --server localhost:7070 --schema schemas/rich.yaml",
            "  taskshard submit --schema nightly.yaml --priority 10 --labels linux \\",
            "      --resource-class regular --attempts 3 --exec-cap 30m \\",
            "      --delay-tolerance 10m --wait",
            "  taskshard submit --schema gpu.yaml --resources cpu=8,memoryMb=32768 \\",
            "      --labels gpu",
            "",
            "Exit codes: 0 submitted (with --wait: the job succeeded), 1 the job failed or",
            "was cancelled (--wait), 2 usage error or the coordinator refused the job (bad",
            "schema, unknown resource class), 3 the coordinator could not be reached."})
public final class SubmitCommand implements Callable<Integer> {
    static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ServerOption server = new ServerOption();

    @Mixin
    JobOptions job = new JobOptions();

    @Option(names = "--wait", description = "Follow the job until it ends; exit 0 if it succeeded, 1 if not.")
    boolean wait;

    @Option(names = {"-v", "--verbose"}, description = "Debug logging, and stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() {
        CliSupport.setRootLogLevel(verbose ? Level.DEBUG : Level.WARN);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Submission submission;
        OperatorClient client;
        try {
            submission = job.submission(job.schema());
            client = server.client();
        } catch (SchemaException e) {
            err.println("taskshard submit: invalid schema " + e.problems().getFirst());
            e.problems().stream().skip(1).limit(20).forEach(p -> err.println("  also: " + p));
            err.flush();
            return EXIT_USAGE;
        } catch (IllegalArgumentException e) {
            err.println("taskshard submit: " + e.getMessage());
            err.flush();
            return EXIT_USAGE;
        }
        try (client) {
            JobRecord submitted = client.submit(submission);
            out.println("submitted job " + submitted.id() + " '" + submitted.name() + "' (" + submitted.taskCount()
                    + (submitted.taskCount() == 1 ? " task)" : " tasks)") + " to " + server.text());
            out.flush();
            return wait ? new JobWatch(client, out, JobWatch.DEFAULT_POLL_INTERVAL).await(submitted.id()) : 0;
        } catch (ApiException e) {
            err.println("taskshard submit: the coordinator refused the job: " + e.getMessage());
            e.problems().stream().skip(1).limit(20).forEach(p -> err.println("  also: " + p));
            err.flush();
            return e.status() >= 500 ? JobWatch.EXIT_FAILED : EXIT_USAGE;
        } catch (ConnectionException e) {
            err.println("taskshard submit: cannot reach the coordinator at " + server.text() + ": " + e.getMessage());
            err.flush();
            return JobWatch.EXIT_UNREACHABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("taskshard submit: interrupted while waiting; the job goes on");
            err.flush();
            return JobWatch.EXIT_FAILED;
        }
    }
}
