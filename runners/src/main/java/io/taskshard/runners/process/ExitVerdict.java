package io.taskshard.runners.process;

import io.taskshard.protocol.Outcome;

/**
 * What an exit code means for the attempt.
 *
 * @param outcome   success or failure
 * @param retryable see {@link io.taskshard.runners.spi.RunResult#retryable()}
 * @param note      a log line explaining the code, or null when there is nothing to add
 */
public record ExitVerdict(Outcome outcome, Boolean retryable, String note) {

    /** Maps an exit code to a verdict; pure. */
    @FunctionalInterface
    public interface Interpreter {
        ExitVerdict interpret(int exitCode);
    }

    /** 0 is success, anything else a failure the coordinator may retry; a few codes explained. */
    public static ExitVerdict posix(int exitCode) {
        if (exitCode == 0) {
            return new ExitVerdict(Outcome.SUCCESS, null, null);
        }
        String meaning = switch (exitCode) {
            case 126 -> "exit code 126: the command was found but could not be executed (permissions?)";
            case 127 -> "exit code 127: command not found (check the command and PATH)";
            default -> exitCode > 128 && exitCode < 128 + 65
                    ? "exit code " + exitCode + ": killed by signal " + (exitCode - 128) + signalName(exitCode - 128)
                    : "exit code " + exitCode;
        };
        return new ExitVerdict(Outcome.FAILURE, null, meaning);
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 1 -> " (SIGHUP)";
            case 2 -> " (SIGINT)";
            case 6 -> " (SIGABRT)";
            case 9 -> " (SIGKILL)";
            case 11 -> " (SIGSEGV)";
            case 15 -> " (SIGTERM)";
            default -> "";
        };
    }
}
