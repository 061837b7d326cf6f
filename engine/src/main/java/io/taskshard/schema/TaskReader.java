package io.taskshard.schema;

import io.taskshard.model.Durations;
import io.taskshard.model.Resources;
import io.taskshard.model.TaskSpec;
import io.taskshard.schema.SourceNode.Entry;
import io.taskshard.schema.SourceNode.Kind;
import io.taskshard.schema.SourceNode.MapNode;
import io.taskshard.schema.SourceNode.Scalar;
import io.taskshard.schema.SourceNode.Seq;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one task entry of a schema file (a bare target, an original-form {@code task:} map or a
 * rich-form map) into a {@link TaskSpec}, applying the file's {@code defaults:}. Field semantics
 * match {@code io.taskshard.protocol.TaskSpecJson.fromWire}; this reader exists because it must
 * say where a bad value is. A {@code null} value counts as absent, as on the wire.
 */
final class TaskReader {

    /** Fields with a meaning of their own; every other field goes to {@link TaskSpec#extra()}. */
    static final Set<String> TASK_FIELDS =
            Set.of("id", "task", "target", "command", "priority", "attempts", "timeout", "needs", "resources", "labels");

    /** Fields a {@code defaults:} block may not set, because they identify or wire one task. */
    static final Set<String> NOT_DEFAULTABLE = Set.of("id", "task", "target", "command", "needs");

    private final String file;
    private final MapNode defaults;

    /** @param defaults the file's {@code defaults:} map, already checked, or null */
    TaskReader(String file, MapNode defaults) {
        this.file = file;
        this.defaults = defaults;
    }

    /** Where the parts of one task came from, so that validation can point at them. */
    record TaskPositions(SourceNode entry, SourceNode id, SourceNode target, SourceNode command,
                         List<SourceNode> needs, List<SourceNode> labels) {
    }

    /** A task and where its parts are. */
    record Read(TaskSpec spec, TaskPositions where) {
    }

    Read read(SourceNode entry) {
        if (entry instanceof Scalar s && !s.isNull()) {
            return build(entry, null, new Identity(s.text(), s, s.text(), s, null, null));
        }
        if (!(entry instanceof MapNode m)) {
            throw error(entry, "a task must be a target string or a map with 'id', 'target', 'task' or 'command', not "
                    + entry.describe());
        }
        return build(m, m, identity(m));
    }

    /** What names a task and what it runs, with the nodes they came from (null when absent). */
    private record Identity(String id, SourceNode idNode, String target, SourceNode targetNode,
                            String command, SourceNode commandNode) {
    }

    private Identity identity(MapNode m) {
        SourceNode taskNode = present(m.get("task"));
        SourceNode targetNode = present(m.get("target"));
        if (taskNode != null && targetNode != null) {
            throw error(m.entry("task").key(), "use either 'task' or 'target' in one task, not both");
        }
        if (taskNode != null) {
            targetNode = taskNode;
        }
        String target = string(targetNode, "target");
        SourceNode commandNode = present(m.get("command"));
        String command = string(commandNode, "command");
        SourceNode idNode = present(m.get("id"));
        String id = string(idNode, "id");
        if (id == null) {
            idNode = targetNode != null ? targetNode : commandNode;
            id = target != null ? target : command;
        }
        if (id == null) {
            throw error(m, "a task needs an 'id', a 'target' (or 'task') or a 'command'");
        }
        return new Identity(id, idNode, target, targetNode, command, commandNode);
    }

    /** @param m the entry when it is a map, null for a bare target */
    private Read build(SourceNode entry, MapNode m, Identity who) {
        String where = "task '" + who.id() + "': ";
        int priority = (int) whole(field(m, "priority"), where, "priority", Integer.MIN_VALUE, Integer.MAX_VALUE,
                0);
        int attempts = (int) whole(field(m, "attempts"), where, "attempts", 1, Integer.MAX_VALUE,
                TaskSpec.DEFAULT_ATTEMPTS);
        long timeoutMs = duration(field(m, "timeout"), where);
        List<SourceNode> needNodes = items(m == null ? null : present(m.get("needs")), where, "needs");
        List<SourceNode> labelNodes = items(field(m, "labels"), where, "labels");
        Resources resources = resources(field(m, "resources"), where);
        TaskSpec spec = new TaskSpec(who.id(), who.target(), who.command(), priority, attempts, timeoutMs,
                texts(needNodes), resources, texts(labelNodes), extra(m));
        return new Read(spec, new TaskPositions(entry, who.idNode(), who.targetNode(), who.commandNode(),
                needNodes, labelNodes));
    }

    /** The task's own value for a field, else the default's, else null. */
    private SourceNode field(MapNode m, String key) {
        SourceNode own = m == null ? null : present(m.get(key));
        if (own != null || defaults == null) {
            return own;
        }
        return present(defaults.get(key));
    }

    private Map<String, Object> extra(MapNode m) {
        Map<String, Object> extra = new LinkedHashMap<>();
        if (m != null) {
            addExtra(m, extra);
        }
        if (defaults != null) {
            addExtra(defaults, extra);
        }
        return extra;
    }

    private static void addExtra(MapNode m, Map<String, Object> extra) {
        for (Entry e : m.entries()) {
            String key = e.key().text();
            Object value = e.value().toPlain();
            if (!TASK_FIELDS.contains(key) && value != null) {
                extra.putIfAbsent(key, value);
            }
        }
    }

    private String string(SourceNode node, String name) {
        if (node == null) {
            return null;
        }
        if (node instanceof Scalar s) {
            return s.text();
        }
        throw error(node, "'" + name + "' must be a string, not " + node.describe());
    }

    private long whole(SourceNode node, String where, String name, long min, long max, long dflt) {
        if (node == null) {
            return dflt;
        }
        if (!(node instanceof Scalar s) || s.kind() != Kind.INTEGER || !(s.value() instanceof Long value)) {
            throw error(node, where + "'" + name + "' must be a whole number, not " + shown(node));
        }
        if (value < min) {
            throw error(node, where + "'" + name + "' must be at least " + min + ", got " + value);
        }
        if (value > max) {
            throw error(node, where + "'" + name + "' must be at most " + max + ", got " + value);
        }
        return value;
    }

    private long duration(SourceNode node, String where) {
        if (node == null) {
            return 0;
        }
        if (node instanceof Scalar s && s.value() instanceof Number n) {
            if (n.doubleValue() < 0) {
                throw error(node, where + "'timeout' must not be negative, got " + s.text());
            }
            return n.longValue();
        }
        if (node instanceof Scalar s && s.kind() == Kind.STRING) {
            try {
                return Durations.parseMillis(s.text());
            } catch (IllegalArgumentException e) {
                throw error(node, where + "'timeout': " + e.getMessage());
            }
        }
        throw error(node, where + "'timeout' must be a duration like 30s, 10m or 1h30m, or a number of "
                + "milliseconds, not " + shown(node));
    }

    private Resources resources(SourceNode node, String where) {
        if (node == null) {
            return Resources.NONE;
        }
        if (!(node instanceof MapNode m)) {
            throw error(node, where + "'resources' must be a map {cpu, memoryMb}, not " + node.describe());
        }
        double cpu = 0;
        long memoryMb = 0;
        for (Entry e : m.entries()) {
            SourceNode v = e.value();
            switch (e.key().text()) {
                case "cpu" -> {
                    if (!(v instanceof Scalar s) || !(s.value() instanceof Number n) || n.doubleValue() < 0) {
                        throw error(v, where + "'resources.cpu' must be a number of at least 0, not " + shown(v));
                    }
                    cpu = n.doubleValue();
                }
                case "memoryMb" -> memoryMb = whole(v, where, "resources.memoryMb", 0, Long.MAX_VALUE, 0);
                default -> throw error(e.key(), where + "unknown resource '" + e.key().text()
                        + "' (expected cpu, memoryMb)");
            }
        }
        return new Resources(cpu, memoryMb);
    }

    /** A list of plain values; a single value stands for a list of one. */
    private List<SourceNode> items(SourceNode node, String where, String name) {
        if (node == null) {
            return List.of();
        }
        List<SourceNode> items = node instanceof Seq seq ? seq.items() : List.of(node);
        for (SourceNode item : items) {
            if (!(item instanceof Scalar s) || s.isNull()) {
                throw error(item, where + "'" + name + "' must be a list of strings, found " + item.describe());
            }
        }
        return items;
    }

    private static List<String> texts(List<SourceNode> nodes) {
        List<String> out = new ArrayList<>(nodes.size());
        for (SourceNode n : nodes) {
            out.add(((Scalar) n).text());
        }
        return out;
    }

    private static SourceNode present(SourceNode node) {
        return node instanceof Scalar s && s.isNull() ? null : node;
    }

    private static String shown(SourceNode node) {
        return node instanceof Scalar s && s.kind() != Kind.NULL
                ? node.describe() + " ('" + s.text() + "')" : node.describe();
    }

    private SchemaException error(SourceNode at, String problem) {
        return new SchemaException(new SchemaProblem(file, at.line(), at.column(), problem));
    }
}
