package io.taskshard.cli;

import java.io.PrintWriter;
import java.util.ServiceLoader;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code taskshard} command line. Exit codes: 0 success, 1 runtime failure, 2 usage or
 * configuration error. Modules above the engine add their commands through
 * {@link CommandProvider}.
 */
@Command(name = "taskshard",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Shards a big set of build tasks across CI peers through one coordinator.",
        subcommands = {ServeCommand.class, TokenCommand.class, BackupCommand.class, CommandLine.HelpCommand.class},
        footer = {"",
            "Examples:",
            "  taskshard demo",
            "      a coordinator and simulated peers on this machine: see sharding at work",
            "  taskshard serve --port 7070 --data /var/lib/taskshard",
            "  taskshard peer --server localhost:7070 --schema schemas/rich.yaml",
            "  taskshard tui --server localhost:7070",
            "",
            "Run 'taskshard COMMAND --help' for a command's options and examples.",
            "",
            "Exit codes: 0 success, 1 runtime failure (a failed job, a lost coordinator),",
            "2 usage or configuration error; some commands add 3 (coordinator unreachable)."})
public final class Main implements Runnable {
    /** Used when the jar manifest carries no version (running from classes). */
    public static final String FALLBACK_VERSION = "0.1.0-SNAPSHOT";
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;
    /**
     * System property that puts a command in front of the arguments: the packaged launchers set
     * it ({@code taskshard-server} runs {@code serve}, {@code taskshard} runs {@code gui}), since
     * a jpackage launcher's own default arguments are dropped as soon as the user gives any.
     */
    public static final String LAUNCHER_COMMAND_PROPERTY = "taskshard.command";

    /** picocli's built-in {@code help} command gets examples and exit codes like every other. */
    private static final String[] HELP_COMMAND_FOOTER = {"",
        "Examples:",
        "  taskshard help serve",
        "  taskshard help token create",
        "",
        "Exit codes: 0 shown, 2 unknown command."};

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Built once: loading every module's commands is a good part of a command's start time.
        CommandLine cli = commandLine();
        String[] all = withLauncherCommand(System.getProperty(LAUNCHER_COMMAND_PROPERTY), args,
                cli.getSubcommands().keySet());
        System.exit(run(cli, new PrintWriter(System.out, true), new PrintWriter(System.err, true), all));
    }

    /**
     * {@code args} behind the launcher's fixed {@code command}; just {@code args} when there is
     * none, or when they start with a command of their own: then a packaged launcher is the whole
     * CLI too ({@code taskshard token create ...} from the desktop launcher).
     */
    static String[] withLauncherCommand(String command, String[] args, Set<String> commands) {
        if (command == null || command.isBlank() || (args.length > 0 && commands.contains(args[0]))) {
            return args;
        }
        String[] all = new String[args.length + 1];
        all[0] = command.strip();
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }

    /** Runs the command line without exiting the JVM; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(commandLine(), out, err, args);
    }

    private static int run(CommandLine cli, PrintWriter out, PrintWriter err, String... args) {
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler(Main::shortUsageError);
        return cli.execute(args);
    }

    /**
     * taskshard with every command: its own and those the modules on the classpath provide, their
     * help wrapped at spaces only ({@link WholeTokenHelp}). Public for the tests that walk the tree.
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        for (CommandProvider provider : ServiceLoader.load(CommandProvider.class)) {
            cli.addSubcommand(provider.command());
        }
        cli.getSubcommands().get("help").getCommandSpec().usageMessage().footer(HELP_COMMAND_FOOTER);
        cli.setHelpFactory(WholeTokenHelp.factory()); // after the subcommands: it is handed down to those present
        return cli;
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
