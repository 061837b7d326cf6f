package io.taskshard.cli;

/**
 * Contributes a benchmark to {@code taskshard bench} from a module the bench module may not depend
 * on: the desktop dashboard's own Gantt redraw benchmark lives in the GUI module, so that
 * benchmarks depend on engine and runners only (docs/architecture.md). Found with
 * {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/io.taskshard.cli.BenchmarkProvider}.
 */
public interface BenchmarkProvider {
    /** The subcommand's name under {@code taskshard bench}, e.g. {@code gantt}. */
    String name();

    /** A new picocli command object (a class annotated with {@code @Command}). */
    Object command();
}
