package io.taskshard.runners.bazel;

import io.taskshard.runners.process.ProcessSettings;
import io.taskshard.runners.spi.RunnerConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of the Bazel runner.
 *
 * @param binary         the Bazel (or Bazelisk) executable, a path or a name on PATH
 * @param startupOptions go before the command, e.g. {@code --output_user_root=/cache/bazel}
 * @param flags          go after the command, e.g. {@code --remote_cache=http://cache:8080}
 * @param command        {@code build} or {@code test} for tasks that do not say
 * @param process        kill grace and log tail size
 */
public record BazelSettings(String binary, List<String> startupOptions, List<String> flags, String command,
                            ProcessSettings process) {

    public static final String DEFAULT_BINARY = "bazel";
    public static final String DEFAULT_COMMAND = "build";
    /** The Bazel commands a task may ask for. */
    public static final List<String> COMMANDS = List.of("build", "test");

    public static final BazelSettings DEFAULTS =
            new BazelSettings(DEFAULT_BINARY, List.of(), List.of(), DEFAULT_COMMAND, ProcessSettings.DEFAULTS);

    /** Option keys and help texts. */
    public static final Map<String, String> OPTIONS;

    static {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("binary", "the bazel or bazelisk executable (default bazel, from PATH)");
        o.put("startup-option", "a startup option, before the command, e.g. --output_user_root=/cache; repeatable");
        o.put("flag", "a flag after the command, e.g. --remote_cache=http://cache:8080; repeatable");
        o.put("command", "build or test, for tasks without a 'bazel' field (default build)");
        o.putAll(ProcessSettings.OPTIONS);
        OPTIONS = Collections.unmodifiableMap(o);
    }

    public BazelSettings {
        if (binary == null || binary.isBlank()) {
            throw new IllegalArgumentException("bazel binary must not be empty");
        }
        startupOptions = List.copyOf(startupOptions);
        flags = List.copyOf(flags);
        if (!COMMANDS.contains(command)) {
            throw new IllegalArgumentException("bazel command must be one of " + COMMANDS + ", got '" + command + "'");
        }
    }

    public static BazelSettings from(RunnerConfig config) {
        return new BazelSettings(config.string("binary", DEFAULT_BINARY), config.all("startup-option"),
                config.all("flag"), config.choice("command", DEFAULT_COMMAND, COMMANDS), ProcessSettings.from(config));
    }
}
