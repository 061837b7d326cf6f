package io.taskshard.runners.cli;

import ch.qos.logback.classic.Level;
import io.taskshard.cli.CliSupport;
import io.taskshard.client.ApiException;
import io.taskshard.client.ClientException;
import io.taskshard.client.ConnectionException;
import io.taskshard.client.OperatorClient;
import io.taskshard.client.ScheduleInfo;
import io.taskshard.client.ScheduleRequest;
import io.taskshard.schema.SchemaException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code taskshard schedule add|list|rm}: recurring jobs for workers. */
@Command(name = "schedule",
        mixinStandardHelpOptions = true,
        versionProvider = PeerCommand.Version.class,
        description = {"Manages schedules: each fire submits a normal job for workers."},
        subcommands = {ScheduleCommand.Add.class, ScheduleCommand.ListAll.class, ScheduleCommand.Remove.class},
        footer = {"",
            "When (in --time-zone, default: this machine's zone):",
            "  once 2026-03-01T02:00    daily 02:00          weekly mon,fri 18:30",
            "  monthly 31 02:00 (the last day in shorter months)",
            "  annually 12-31 23:00     cron 0 2 * * 1-5     (5-field Unix cron)",
            "",
            "Examples:",
            "  taskshard schedule add --name nightly --when 'daily 02:00' \\",
            "      --schema nightly.yaml",
            "  taskshard schedule add --name report --when 'monthly 1 06:00' \\",
            "      --time-zone Europe/Berlin --misfire skip --schema report.yaml \\",
            "      --resource-class basic",
            "  taskshard schedule list",
            "  taskshard schedule rm 3",
            "",
            ScheduleCommand.EXIT_CODES, ScheduleCommand.EXIT_CODES_2})
public final class ScheduleCommand implements Callable<Integer> {
    /** The exit codes of schedule and each of its subcommands, two lines of the footer. */
    static final String EXIT_CODES = "Exit codes: 0 done, 1 the coordinator refused (e.g. unknown id), 2 usage error,";
    static final String EXIT_CODES_2 = "3 the coordinator could not be reached.";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: add, list or rm");
    }

    /** Runs an operator call, turning its failures into the documented exit codes. */
    static int guarded(CommandLine.Model.CommandSpec spec, String what, ServerOption server, Call call) {
        PrintWriter err = spec.commandLine().getErr();
        try (OperatorClient client = server.client()) {
            return call.run(client, spec.commandLine().getOut());
        } catch (ApiException e) {
            err.println("taskshard schedule " + what + ": the coordinator refused: " + e.getMessage());
            return e.status() == 400 ? SubmitCommand.EXIT_USAGE : 1;
        } catch (ConnectionException e) {
            err.println("taskshard schedule " + what + ": cannot reach the coordinator at " + server.text() + ": "
                    + e.getMessage());
            return JobWatch.EXIT_UNREACHABLE;
        } catch (SchemaException e) {
            err.println("taskshard schedule " + what + ": invalid schema " + e.problems().getFirst());
            return SubmitCommand.EXIT_USAGE;
        } catch (IllegalArgumentException | ClientException e) {
            err.println("taskshard schedule " + what + ": " + e.getMessage());
            return SubmitCommand.EXIT_USAGE;
        } finally {
            err.flush();
        }
    }

    @FunctionalInterface
    interface Call {
        int run(OperatorClient client, PrintWriter out);
    }

    static String describe(ScheduleInfo s) {
        return "schedule " + s.id() + " '" + s.name() + "': " + s.when() + " (" + s.timeZone() + ", misfire "
                + s.misfire() + "), submits '" + s.jobName() + "' (" + s.taskCount() + " tasks); next fire "
                + (s.nextFireAt() == 0 ? "never" : Instant.ofEpochMilli(s.nextFireAt()).atZone(ZoneId.of(s.timeZone()))
                .toOffsetDateTime()) + (s.fires() == 0 ? "" : "; fired " + s.fires() + "x, last job " + s.lastJobId());
    }

    @Command(name = "add", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Adds a schedule.",
            footer = {"", "Examples:",
                "  taskshard schedule add --name nightly --when 'daily 02:00' \\",
                "      --schema nightly.yaml --server coord:7070",
                "  taskshard schedule add --name weekdays --when 'cron 0 2 * * 1-5' \\",
                "      --time-zone UTC --schema ci/tasks.yaml --priority 5",
                "", EXIT_CODES, EXIT_CODES_2})
    static final class Add implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        ServerOption server = new ServerOption();
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "Unique name. E.g. --name nightly")
        String name;
        @Option(names = "--when", required = true, paramLabel = "WHEN",
                description = "When it fires (see 'taskshard schedule --help'). E.g. --when 'daily 02:00'")
        String when;
        @Option(names = "--time-zone", paramLabel = "ZONE",
                description = "The zone WHEN is read in (default: this machine's, ${sys:user.timezone}). E.g. --time-zone UTC")
        String timeZone;
        @Option(names = "--misfire", paramLabel = "POLICY", defaultValue = "run-once",
                description = "Fires missed while the coordinator was down: run-once (one job now) or skip "
                        + "(default: ${DEFAULT-VALUE}).")
        String misfire;
        @Mixin
        JobOptions job = new JobOptions();

        @Override
        public Integer call() {
            CliSupport.setRootLogLevel(Level.WARN);
            return guarded(spec, "add", server, (client, out) -> {
                String zone = timeZone != null ? timeZone : ZoneId.systemDefault().getId();
                ScheduleInfo s = client.addSchedule(new ScheduleRequest(name, when, zone, misfire,
                        job.submission(job.schema())));
                out.println("added " + describe(s));
                out.flush();
                return 0;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the schedules.",
            footer = {"", "Examples:", "  taskshard schedule list", "  taskshard schedule list --server coord:7070",
                "", EXIT_CODES, EXIT_CODES_2})
    static final class ListAll implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        ServerOption server = new ServerOption();

        @Override
        public Integer call() {
            CliSupport.setRootLogLevel(Level.WARN);
            return guarded(spec, "list", server, (client, out) -> {
                List<ScheduleInfo> all = client.schedules();
                if (all.isEmpty()) {
                    out.println("no schedules");
                }
                all.forEach(s -> out.println(describe(s)));
                out.flush();
                return 0;
            });
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Removes a schedule (its jobs stay).",
            footer = {"", "Examples:", "  taskshard schedule rm 3", "  taskshard schedule rm 3 --server coord:7070",
                "", EXIT_CODES, EXIT_CODES_2})
    static final class Remove implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        ServerOption server = new ServerOption();
        @Parameters(paramLabel = "ID", description = "The schedule's id (see 'taskshard schedule list').")
        long id;

        @Override
        public Integer call() {
            CliSupport.setRootLogLevel(Level.WARN);
            return guarded(spec, "rm", server, (client, out) -> {
                ScheduleInfo s = client.removeSchedule(id);
                out.println("removed schedule " + s.id() + " '" + s.name() + "'");
                out.flush();
                return 0;
            });
        }
    }
}
