package io.taskshard.cli;

/**
 * Contributes a subcommand to {@code taskshard} from a module the engine cannot depend on
 * (runners: {@code peer}, {@code demo}; the UIs: {@code tui}, {@code gui}). Found with
 * {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/io.taskshard.cli.CommandProvider}.
 */
public interface CommandProvider {
    /** A new picocli command object (a class annotated with {@code @Command}). */
    Object command();
}
