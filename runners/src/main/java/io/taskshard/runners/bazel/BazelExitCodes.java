package io.taskshard.runners.bazel;

import io.taskshard.protocol.Outcome;
import io.taskshard.runners.process.ExitVerdict;
import java.util.Map;

/**
 * What Bazel's exit codes mean for an attempt (Bazel's {@code ExitCode}): 0 is success; a real
 * build or test failure is not worth retrying elsewhere; infrastructure trouble (remote cache
 * evicted outputs, local environment, Bazel crashing) very likely is. Pure.
 */
public final class BazelExitCodes {

    /** Exit code Bazel uses when the remote cache evicted outputs it needed. */
    public static final int REMOTE_CACHE_EVICTED = 39;

    private record Meaning(String text, Boolean retryable) {
    }

    private static final Map<Integer, Meaning> MEANINGS = Map.ofEntries(
            Map.entry(1, new Meaning("build failed", false)),
            Map.entry(2, new Meaning("command line problem (bad flag or option)", null)),
            Map.entry(3, new Meaning("build succeeded but tests failed", false)),
            Map.entry(4, new Meaning("build succeeded but no tests were found", false)),
            Map.entry(6, new Meaning("bazel run failed", null)),
            Map.entry(7, new Meaning("analysis failed", false)),
            Map.entry(8, new Meaning("build interrupted", null)),
            Map.entry(9, new Meaning("another command holds the output base lock (--noblock_for_lock)", true)),
            Map.entry(32, new Meaning("remote environment problem", true)),
            Map.entry(33, new Meaning("Bazel ran out of memory", true)),
            Map.entry(34, new Meaning("remote execution or cache error", true)),
            Map.entry(36, new Meaning("local environment problem (infrastructure)", true)),
            Map.entry(37, new Meaning("Bazel internal error (infrastructure)", true)),
            Map.entry(38, new Meaning("could not publish build results (build event service)", true)),
            Map.entry(REMOTE_CACHE_EVICTED, new Meaning("the remote cache evicted outputs the build needed", true)),
            Map.entry(45, new Meaning("build event service upload failed for good", true)),
            Map.entry(48, new Meaning("could not fetch external dependencies", true)));

    private BazelExitCodes() {
    }

    /** The verdict for a Bazel exit code; unknown codes are failures the coordinator may retry. */
    public static ExitVerdict interpret(int exitCode) {
        if (exitCode == 0) {
            return new ExitVerdict(Outcome.SUCCESS, null, null);
        }
        Meaning m = MEANINGS.get(exitCode);
        if (m != null) {
            String advice = Boolean.TRUE.equals(m.retryable()) ? "; worth retrying"
                    : Boolean.FALSE.equals(m.retryable()) ? "; not retrying elsewhere" : "";
            return new ExitVerdict(Outcome.FAILURE, m.retryable(), "bazel exit code " + exitCode + ": " + m.text() + advice);
        }
        ExitVerdict posix = ExitVerdict.posix(exitCode);
        return new ExitVerdict(Outcome.FAILURE, null, "bazel " + posix.note() + " (not a known Bazel exit code)");
    }
}
