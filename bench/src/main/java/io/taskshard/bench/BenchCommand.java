package io.taskshard.bench;

import io.taskshard.bench.jmh.SchedulerJmh;
import io.taskshard.cli.BenchmarkProvider;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code taskshard bench ...}: the benchmarks of docs/benchmarks.md, each printing a table and,
 * with {@code --json FILE}, writing its results.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks of the coordinator: throughput and latency, echo baseline, scheduler cost,"
                + " makespan quality, scale, desktop Gantt redraw (gantt: from the GUI module).",
        footer = {"", "Examples:",
                "  taskshard bench load --peers 100 --slots 4 --tasks 100000 --runs 3",
                "  taskshard bench echo --peers 100 --slots 4 --messages 100000",
                "  taskshard bench scheduler --tasks 1000,100000,1000000 --peers 10",
                "  taskshard bench makespan --json makespan.json",
                "  taskshard bench scale --peers 10000 --tasks 1000000",
                "  taskshard bench gantt --attempts 100000",
                "", "bench/run.sh runs the whole set the way docs/benchmarks.md reports it.",
                "", "Exit codes: 0 measured, 1 a run failed, 2 usage error (e.g. no benchmark)."})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The command with its subcommands, as {@code taskshard} adds it. */
    public static CommandLine create() {
        CommandLine bench = new CommandLine(new BenchCommand())
                .addSubcommand("load", new LoadGenerator())
                .addSubcommand("echo", new EchoBaseline())
                .addSubcommand("scheduler", new SchedulerJmh())
                .addSubcommand("makespan", new MakespanQuality())
                .addSubcommand("scale", new ScaleBench());
        // Benchmarks of modules above this one (the GUI's Gantt redraw: `gantt`).
        for (BenchmarkProvider provider : ServiceLoader.load(BenchmarkProvider.class)) {
            bench.addSubcommand(provider.name(), provider.command());
        }
        return bench;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing benchmark: load, echo, scheduler, makespan, scale or gantt (with the desktop dashboard)");
    }

    /** Adds {@code taskshard bench}. */
    public static final class Provider implements io.taskshard.cli.CommandProvider {
        @Override
        public Object command() {
            return create();
        }
    }
}
