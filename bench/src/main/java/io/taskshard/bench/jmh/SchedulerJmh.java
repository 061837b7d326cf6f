package io.taskshard.bench.jmh;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code taskshard bench scheduler}: runs {@link SchedulerBench} through JMH's API with the chosen sizes. */
@Command(name = "scheduler", mixinStandardHelpOptions = true, sortOptions = false,
        description = "JMH: the scheduler's finish+assign and leave+join per op, by tasks in the job and peers.",
        footer = {"", "Examples:",
                "  taskshard bench scheduler --tasks 1000,100000,1000000 --peers 10",
                "  taskshard bench scheduler --tasks 1000000 --peers 10,1000,10000 \\",
                "      --json jmh-peers.json",
                "", "Every pair must have tasks >= peers + " + SchedulerBench.OPS + ".",
                "", "Exit codes: 0 measured, 1 a run failed, 2 usage error."})
public final class SchedulerJmh implements Callable<Integer> {
    @Option(names = "--tasks", split = ",", description = "Tasks in the job (default: 1000,100000,1000000).")
    String[] tasks = {"1000", "100000", "1000000"};

    @Option(names = "--peers", split = ",", description = "Peers in the job (default: 10).")
    String[] peers = {"10"};

    @Option(names = "--forks", description = "JVM forks per benchmark, default ${DEFAULT-VALUE}.")
    int forks = 1;

    @Option(names = "--iterations", description = "Measured iterations per fork, default ${DEFAULT-VALUE}.")
    int iterations = 5;

    @Option(names = "--json", description = "Also write JMH's results as JSON to this file.")
    Path json;

    @Override
    public Integer call() throws Exception {
        ChainedOptionsBuilder options = new OptionsBuilder().include(SchedulerBench.class.getName())
                .param("tasks", tasks).param("peers", peers).forks(forks).measurementIterations(iterations);
        if (json != null) {
            options.resultFormat(ResultFormatType.JSON).result(json.toString());
        }
        return new Runner(options.build()).run().isEmpty() ? 1 : 0;
    }
}
