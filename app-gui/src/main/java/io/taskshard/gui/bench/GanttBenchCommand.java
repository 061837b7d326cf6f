package io.taskshard.gui.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code taskshard bench gantt}: {@link GanttRedrawBench} from the command line. */
@Command(name = "gantt", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Desktop Gantt redraw time per frame with 100,000 attempts (headless JavaFX, software rendering).",
        footer = {"", "Examples:",
                "  taskshard bench gantt",
                "  taskshard bench gantt --attempts 100000 --runs 5 --frames 200",
                "", "Exit codes: 0 measured, 1 a run failed, 2 usage error."})
public final class GanttBenchCommand implements Callable<Integer> {
    @Option(names = "--attempts", description = "Attempts in the job, default ${DEFAULT-VALUE}.")
    int attempts = GanttRedrawBench.DEFAULT_ATTEMPTS;

    @Option(names = "--runs", description = "Measured runs, default ${DEFAULT-VALUE}.")
    int runs = GanttRedrawBench.DEFAULT_RUNS;

    @Option(names = "--frames", description = "Frames per view and run, default ${DEFAULT-VALUE}.")
    int frames = GanttRedrawBench.DEFAULT_FRAMES;

    @Override
    public Integer call() throws Exception {
        List<String> args = new ArrayList<>(List.of("--attempts", Integer.toString(attempts), "--runs",
                Integer.toString(runs), "--frames", Integer.toString(frames)));
        GanttRedrawBench.main(args.toArray(String[]::new));
        return 0;
    }

    /** Adds {@code taskshard bench gantt} when the desktop dashboard is on the classpath. */
    public static final class Provider implements io.taskshard.cli.BenchmarkProvider {
        @Override
        public String name() {
            return "gantt";
        }

        @Override
        public Object command() {
            return new GanttBenchCommand();
        }
    }
}
