package io.taskshard.runners.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code taskshard --help} and the help of every command and subcommand under it (those of the
 * engine and the runners: the modules on this classpath), as a user sees it: examples to copy
 * (lines starting with {@code taskshard }), exit codes, and no word, flag or path cut across lines.
 */
class HelpTreeTest {
    /** picocli's default width, the one these texts are written for. */
    private static final int WIDTH = CommandLine.Model.UsageMessageSpec.DEFAULT_USAGE_WIDTH;

    static Stream<String> commands() {
        List<String> paths = new ArrayList<>();
        paths.add("");
        walk(Main.commandLine(), "", paths);
        return paths.stream();
    }

    private static void walk(CommandLine cli, String prefix, List<String> paths) {
        for (Map.Entry<String, CommandLine> sub : cli.getSubcommands().entrySet()) {
            if (!sub.getKey().equals(sub.getValue().getCommandName())) {
                continue; // an alias
            }
            String path = (prefix + " " + sub.getKey()).strip();
            paths.add(path);
            walk(sub.getValue(), path, paths);
        }
    }

    @ParameterizedTest(name = "taskshard {0} --help")
    @MethodSource("commands")
    void helpHasExamplesExitCodesAndWholeTokens(String path) {
        List<String> args = new ArrayList<>(path.isEmpty() ? List.of() : Arrays.asList(path.split(" ")));
        args.add("--help");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        String help = out.toString();
        List<String> lines = help.lines().map(String::stripTrailing).toList();

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(exit).as("exit of --help").isZero();
        int examples = lines.indexOf("Examples:");
        soft.assertThat(examples).as("an 'Examples:' section in\n" + help).isNotNegative();
        if (examples >= 0) {
            soft.assertThat(lines.subList(examples + 1, lines.size()))
                    .as("an example to copy in\n" + help)
                    .anyMatch(l -> l.strip().startsWith("taskshard "));
        }
        soft.assertThat(lines).as("an 'Exit codes' section in\n" + help).anyMatch(l -> l.startsWith("Exit codes"));
        soft.assertThat(lines).as("lines wider than " + WIDTH).allMatch(l -> l.length() <= WIDTH);

        CommandSpec spec = spec(path);
        // The footer (examples, notes, exit codes) is laid out by hand: each line must come out as
        // written, not rewrapped (a wrapped command line at column 0 cannot be copied as one command).
        for (String line : formatted(spec.usageMessage().footer())) {
            soft.assertThat(lines).as("footer line kept as written (not rewrapped): " + line).contains(line);
        }
        for (String token : tokens(spec)) {
            soft.assertThat(lines).as("'" + token + "' whole on one line of\n" + help)
                    .anyMatch(l -> l.contains(token));
        }
        soft.assertAll();
    }

    private static CommandSpec spec(String path) {
        CommandLine cli = Main.commandLine();
        for (String name : path.isEmpty() ? new String[0] : path.split(" ")) {
            cli = cli.getSubcommands().get(name);
        }
        return cli.getCommandSpec();
    }

    /** Every word of the texts picocli wraps: description, header, footer, options, parameters. */
    private static List<String> tokens(CommandSpec spec) {
        List<String> texts = new ArrayList<>();
        texts.addAll(formatted(spec.usageMessage().description()));
        texts.addAll(formatted(spec.usageMessage().header()));
        texts.addAll(formatted(spec.usageMessage().footer()));
        List<ArgSpec> args = new ArrayList<>(spec.options());
        args.addAll(spec.positionalParameters());
        for (ArgSpec arg : args) {
            if (!arg.hidden()) {
                texts.addAll(formatted(arg.description()));
            }
        }
        return texts.stream().flatMap(t -> Arrays.stream(t.split("\\s+"))).filter(t -> !t.isEmpty())
                .filter(t -> t.length() < 40) // longer than a column: cut whatever the wrapping
                .distinct().toList();
    }

    private static List<String> formatted(String[] texts) {
        List<String> lines = new ArrayList<>();
        for (String text : texts == null ? new String[0] : texts) {
            String line;
            try {
                line = String.format(text);
            } catch (java.util.IllegalFormatException e) {
                line = text;
            }
            line.lines().map(String::stripTrailing).forEach(lines::add);
        }
        return lines;
    }
}
