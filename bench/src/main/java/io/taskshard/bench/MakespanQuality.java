package io.taskshard.bench;

import io.taskshard.simulation.Baselines;
import io.taskshard.simulation.SchedulerSimulator;
import io.taskshard.simulation.Workload;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.LongFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How close the scheduler's makespan comes to the lower bound, against the usual alternatives,
 * in virtual time (the real {@code Scheduler}, no network, no overhead): longest-first with
 * history, the same scheduler without history, a FIFO dynamic queue and a static split by count.
 * Each figure is makespan / lower bound, min / median / max over seeds.
 */
@Command(name = "makespan", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Makespan of the scheduler vs. a FIFO queue and a static split, as ratios to the lower bound.",
        footer = {"", "Examples:",
                "  taskshard bench makespan          2,000 tasks, 4-200 peers x 2 slots, 5 seeds",
                "  taskshard bench makespan --peers 8 --slots 4 --tasks 10000 --json m.json",
                "", "Exit codes: 0 measured, 1 a run failed, 2 usage error."})
public final class MakespanQuality implements Callable<Integer> {
    public static final int DEFAULT_TASKS = 2_000;

    @Option(names = "--tasks", description = "Tasks per workload, default ${DEFAULT-VALUE}.")
    int tasks = DEFAULT_TASKS;

    @Option(names = "--peers", split = ",", description = "Peer counts to simulate, default 4,16,64,200.")
    int[] peers = {4, 16, 64, 200};

    @Option(names = "--slots", description = "Slots per peer, default ${DEFAULT-VALUE}.")
    int slots = 2;

    @Option(names = "--seeds", description = "Workloads drawn per configuration (seeds 1..N), default ${DEFAULT-VALUE}.")
    int seeds = 5;

    @Option(names = "--json", description = "Also write the results as JSON to this file.")
    Path json;

    /** Ratios to the lower bound over the seeds. */
    record Spread(double min, double median, double max) {
        static Spread of(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            return new Spread(sorted[0], sorted[sorted.length / 2], sorted[sorted.length - 1]);
        }

        private static String f3(double v) {
            return String.format(java.util.Locale.ROOT, "%.3f", v);
        }

        String text() {
            return f3(median) + " (" + f3(min) + "-" + f3(max) + ")";
        }
    }

    /** One workload shape on one fleet size. */
    record Row(String workload, int peers, int slotsPerPeer, int tasks, int seeds, Spread longestFirstWithHistory,
               Spread withoutHistory, Spread fifoQueue, Spread staticSplit, boolean historyBestOnEverySeed) {
    }

    record Report(String benchmark, Environment environment, List<Row> rows) {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new MakespanQuality()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<Row> rows = new ArrayList<>();
        for (String shape : List.of("heavy-tailed", "uniform")) {
            LongFunction<Workload> draw = seed -> shape.equals("uniform") ? Workload.uniform(tasks, seed)
                    : Workload.heavyTailed(tasks, seed);
            for (int n : peers) {
                rows.add(measure(shape, draw, n));
            }
        }
        Table table = new Table("workload", "peers x slots", "longest-first + history", "no history", "FIFO queue",
                "static split", "history best");
        for (Row r : rows) {
            table.row(r.workload(), r.peers() + " x " + r.slotsPerPeer(), r.longestFirstWithHistory().text(),
                    r.withoutHistory().text(), r.fifoQueue().text(), r.staticSplit().text(),
                    r.historyBestOnEverySeed() ? "yes" : "NO");
        }
        System.out.printf("makespan / lower bound, median (min-max) over %d seeds, %,d tasks each%n%n", seeds, tasks);
        table.print(System.out);
        if (json != null) {
            Reports.writeJson(json, new Report("MakespanQuality", Environment.now(), rows));
        }
        return 0;
    }

    private Row measure(String shape, LongFunction<Workload> draw, int n) {
        double[] history = new double[seeds];
        double[] none = new double[seeds];
        double[] fifo = new double[seeds];
        double[] split = new double[seeds];
        boolean historyBest = true;
        for (int s = 0; s < seeds; s++) {
            Workload w = draw.apply(s + 1);
            double bound = w.lowerBoundMs(n * slots);
            history[s] = SchedulerSimulator.run(w, n, slots, true).makespanMs() / bound;
            none[s] = SchedulerSimulator.run(w, n, slots, false).makespanMs() / bound;
            fifo[s] = Baselines.fifoQueue(w, n * slots) / bound;
            split[s] = Baselines.staticSplit(w, n, slots) / bound;
            historyBest &= history[s] <= fifo[s] && history[s] <= split[s];
        }
        return new Row(shape, n, slots, tasks, seeds, Spread.of(history), Spread.of(none), Spread.of(fifo),
                Spread.of(split), historyBest);
    }
}
