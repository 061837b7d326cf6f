package io.taskshard.runners.shell;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A shell command with placeholders for tasks that have no {@code command} of their own, e.g.
 * {@code make {target}}. Placeholders: {@code {target}}, {@code {id}}, {@code {attempt}},
 * {@code {lease}}. Values are shell-quoted when they hold anything but plain characters, so a
 * template must not quote them itself. Any other braces (e.g. {@code ${HOME}}) are left alone.
 * Pure.
 */
public record CommandTemplate(String text) {
    public static final List<String> PLACEHOLDERS = List.of("target", "id", "attempt", "lease");

    /** Characters that need no quoting in a POSIX shell word. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    public CommandTemplate {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("command template must not be empty");
        }
    }

    /** Whether the template uses {@code {name}}. */
    public boolean uses(String name) {
        return text.contains("{" + name + "}");
    }

    /**
     * The command with each placeholder replaced by its (quoted) value.
     *
     * @param values placeholder name to value; a used placeholder must have a value
     * @throws IllegalArgumentException naming a used placeholder without a value
     */
    public String expand(Map<String, String> values) {
        String out = text;
        for (String name : PLACEHOLDERS) {
            if (!uses(name)) {
                continue;
            }
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("the command template '" + text + "' uses {" + name
                        + "} but the task has no " + name);
            }
            out = out.replace("{" + name + "}", quote(value));
        }
        return out;
    }

    /** {@code value} as one POSIX shell word. */
    static String quote(String value) {
        if (PLAIN.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
