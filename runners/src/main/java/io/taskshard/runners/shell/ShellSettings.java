package io.taskshard.runners.shell;

import io.taskshard.runners.process.ProcessSettings;
import io.taskshard.runners.spi.RunnerConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of the shell runner.
 *
 * @param template for tasks without a {@code command}; null = such tasks are an error
 * @param shell    the shell that runs commands as {@code shell -c command}
 * @param process  kill grace and log tail size
 */
public record ShellSettings(CommandTemplate template, String shell, ProcessSettings process) {

    /** POSIX sh: present everywhere a peer runs. */
    public static final String DEFAULT_SHELL = "sh";

    public static final ShellSettings DEFAULTS = new ShellSettings(null, DEFAULT_SHELL, ProcessSettings.DEFAULTS);

    /** Option keys and help texts. */
    public static final Map<String, String> OPTIONS;

    static {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("template", "command for tasks without a 'command', with {target} {id} {attempt} {lease}, e.g. 'make {target}'");
        o.put("shell", "the shell that runs commands as <shell> -c <command> (default sh)");
        o.putAll(ProcessSettings.OPTIONS);
        OPTIONS = Collections.unmodifiableMap(o);
    }

    public ShellSettings {
        if (shell == null || shell.isBlank()) {
            throw new IllegalArgumentException("shell must not be empty");
        }
    }

    public static ShellSettings from(RunnerConfig config) {
        CommandTemplate template = config.get("template").map(CommandTemplate::new).orElse(null);
        return new ShellSettings(template, config.string("shell", DEFAULT_SHELL), ProcessSettings.from(config));
    }
}
