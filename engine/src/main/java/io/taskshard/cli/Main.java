package io.taskshard.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code taskshard} command line. Exit codes: 0 success, 1 runtime failure, 2 usage or
 * configuration error.
 */
@Command(name = "taskshard",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Shards a big set of build tasks across CI peers through one coordinator.",
        subcommands = {ServeCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Run 'taskshard serve --help' for the coordinator server's options."})
public final class Main implements Runnable {
    /** Used when the jar manifest carries no version (running from classes). */
    public static final String FALLBACK_VERSION = "0.1.0-SNAPSHOT";
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line without exiting the JVM; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler(Main::shortUsageError);
        return cli.execute(args);
    }

    /** A usage error says what is wrong and where to get help, without the whole help text. */
    private static int shortUsageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return EXIT_USAGE;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: try 'taskshard serve'");
    }

    /** The version from the jar manifest, else {@link #FALLBACK_VERSION}. */
    public static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v != null ? v : FALLBACK_VERSION;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"taskshard " + version()};
        }
    }
}
