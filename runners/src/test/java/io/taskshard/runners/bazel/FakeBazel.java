package io.taskshard.runners.bazel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A fake {@code bazel} executable for tests: a shell script that records its working directory
 * and arguments (one per line) in a file, prints a line, optionally starts a long child, and
 * exits with {@code $FAKE_BAZEL_EXIT} (default 0).
 */
final class FakeBazel {
    final Path binary;
    final Path argsFile;

    private FakeBazel(Path binary, Path argsFile) {
        this.binary = binary;
        this.argsFile = argsFile;
    }

    static FakeBazel in(Path dir) throws IOException {
        Path args = dir.resolve("bazel-args.txt");
        Path script = dir.resolve("fake-bazel");
        Files.writeString(script, """
                #!/bin/sh
                pwd > '%s'
                for a in "$@"; do printf '%%s\\n' "$a" >> '%s'; done
                echo "fake bazel: $*"
                if [ -n "$FAKE_BAZEL_HANG" ]; then
                  sleep 300 & echo bg=$!
                  echo root=$$
                  wait
                fi
                exit "${FAKE_BAZEL_EXIT:-0}"
                """.formatted(args, args));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new FakeBazel(script, args);
    }

    /** The working directory, then each argument, of the last call. */
    List<String> lastCall() throws IOException {
        return Files.readAllLines(argsFile);
    }
}
