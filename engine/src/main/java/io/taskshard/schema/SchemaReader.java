package io.taskshard.schema;

import io.taskshard.model.Schema;
import io.taskshard.model.TaskSpec;
import io.taskshard.schema.LoadedSchema.Form;
import io.taskshard.schema.SourceNode.Entry;
import io.taskshard.schema.SourceNode.MapNode;
import io.taskshard.schema.SourceNode.Scalar;
import io.taskshard.schema.SourceNode.Seq;
import io.taskshard.schema.TaskReader.TaskPositions;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Interprets a parsed document as one of the three schema forms and builds the {@link Schema},
 * keeping where each task came from. Shape errors throw {@link SchemaException} at once;
 * semantic checks are left to {@link SchemaValidator}.
 */
final class SchemaReader {

    static final Set<String> TOP_LEVEL_FIELDS = Set.of("name", "description", "tasks", "steps", "universe", "defaults");

    private final String file;

    private SchemaReader(String file) {
        this.file = file;
    }

    /** The schema, plus the nodes needed to put positions on validation problems. */
    record Result(LoadedSchema loaded, SourceNode root, SourceNode nameNode, SourceNode tasksNode,
                  List<TaskPositions> positions) {
    }

    /** @param defaultName the name used when the file has no {@code name} (its base name) */
    static Result read(SourceNode root, String file, String defaultName) {
        return new SchemaReader(file).read(root, defaultName);
    }

    private Result read(SourceNode root, String defaultName) {
        if (!(root instanceof MapNode top)) {
            throw error(root, "a schema must be a map with 'name' and 'tasks' (or 'steps'), not " + root.describe());
        }
        for (Entry e : top.entries()) {
            if (!TOP_LEVEL_FIELDS.contains(e.key().text())) {
                throw error(e.key(), "unknown top-level field '" + e.key().text()
                        + "' (expected name, tasks, steps, universe, defaults or description)");
            }
        }
        SourceNode nameNode = present(top.get("name"));
        String name = nameNode == null ? defaultName : text(nameNode, "name");
        SourceNode universeNode = present(top.get("universe"));
        String universe = universeNode == null ? null : text(universeNode, "universe");
        TaskReader reader = new TaskReader(file, defaults(present(top.get("defaults"))));
        SourceNode tasksNode = present(top.get("tasks"));
        SourceNode stepsNode = present(top.get("steps"));
        if (tasksNode != null && stepsNode != null) {
            throw error(top.entry("steps").key(), "use either 'tasks' or 'steps', not both");
        }
        List<TaskSpec> tasks = new ArrayList<>();
        List<TaskPositions> positions = new ArrayList<>();
        Form form;
        if (stepsNode != null) {
            form = Form.TASK_DIRECTOR;
            readSteps(stepsNode, reader, tasks, positions);
        } else if (tasksNode != null) {
            form = readTasks(tasksNode, reader, tasks, positions);
        } else {
            throw error(top, "a schema needs 'tasks' (a list of tasks) or 'steps' (numbered steps of targets)");
        }
        Schema schema = new Schema(name, tasks);
        return new Result(new LoadedSchema(schema, form, universe), top, nameNode,
                tasksNode != null ? tasksNode : stepsNode, positions);
    }

    private MapNode defaults(SourceNode node) {
        if (node == null) {
            return null;
        }
        if (!(node instanceof MapNode m)) {
            throw error(node, "'defaults' must be a map of task fields, not " + node.describe());
        }
        for (Entry e : m.entries()) {
            if (TaskReader.NOT_DEFAULTABLE.contains(e.key().text())) {
                throw error(e.key(), "'" + e.key().text() + "' cannot have a default: it belongs to one task");
            }
        }
        return m;
    }

    private Form readTasks(SourceNode node, TaskReader reader, List<TaskSpec> tasks, List<TaskPositions> positions) {
        if (!(node instanceof Seq seq)) {
            throw error(node, "'tasks' must be a list, not " + node.describe());
        }
        boolean rich = false;
        for (SourceNode entry : seq.items()) {
            TaskReader.Read read = reader.read(entry);
            tasks.add(read.spec());
            positions.add(read.where());
            rich |= entry instanceof MapNode m && (m.entries().size() != 1 || m.get("task") == null);
        }
        return rich ? Form.RICH : Form.TASK_SHARDING;
    }

    /** One numbered step: its number (for ordering) and the node holding its targets. */
    private record Step(BigInteger number, Scalar key, SourceNode value) {
    }

    /**
     * Steps run in numeric order; every task of a step needs every task of the step before.
     * A step's entries are read like task entries, so a step may hold rich task maps too.
     */
    private void readSteps(SourceNode node, TaskReader reader, List<TaskSpec> tasks, List<TaskPositions> positions) {
        List<Step> steps = new ArrayList<>();
        if (node instanceof MapNode m) {
            for (Entry e : m.entries()) {
                steps.add(new Step(stepNumber(e.key()), e.key(), e.value()));
            }
            steps.sort(Comparator.comparing(Step::number));
            for (int i = 1; i < steps.size(); i++) {
                if (steps.get(i).number().equals(steps.get(i - 1).number())) {
                    Scalar later = laterOf(steps.get(i).key(), steps.get(i - 1).key());
                    throw error(later, "step number " + steps.get(i).number() + " appears twice");
                }
            }
        } else if (node instanceof Seq seq) {
            // A plain list of steps is accepted too: list order is step order.
            for (int i = 0; i < seq.items().size(); i++) {
                steps.add(new Step(BigInteger.valueOf(i + 1), null, seq.items().get(i)));
            }
        } else {
            throw error(node, "'steps' must be a map of step number to targets, not " + node.describe());
        }
        List<String> previous = List.of();
        for (Step step : steps) {
            List<SourceNode> entries = step.value() instanceof Seq s ? s.items() : List.of(step.value());
            if (entries.isEmpty() || step.value() instanceof Scalar sc && sc.isNull()) {
                throw error(step.key() != null ? step.key() : step.value(), "step " + step.number() + " has no tasks");
            }
            List<String> ids = new ArrayList<>(entries.size());
            for (SourceNode entry : entries) {
                TaskReader.Read read = reader.read(entry);
                TaskSpec spec = read.spec();
                if (!previous.isEmpty()) {
                    spec = spec.withNeeds(spec.needs().isEmpty() ? previous : concat(spec.needs(), previous));
                }
                tasks.add(spec);
                positions.add(read.where());
                ids.add(spec.id());
            }
            // One immutable list shared by every task of the next step: TaskSpec keeps it without copying.
            previous = List.copyOf(ids);
        }
    }

    private BigInteger stepNumber(Scalar key) {
        try {
            return new BigInteger(key.text().strip());
        } catch (NumberFormatException e) {
            throw error(key, "step keys must be whole numbers (steps run in numeric order), not '" + key.text() + "'");
        }
    }

    private static Scalar laterOf(Scalar a, Scalar b) {
        return a.line() > b.line() || (a.line() == b.line() && a.column() > b.column()) ? a : b;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a.size() + b.size());
        out.addAll(a);
        out.addAll(b);
        return out;
    }

    private String text(SourceNode node, String field) {
        if (node instanceof Scalar s) {
            return s.text();
        }
        throw error(node, "'" + field + "' must be a string, not " + node.describe());
    }

    private static SourceNode present(SourceNode node) {
        return node instanceof Scalar s && s.isNull() ? null : node;
    }

    private SchemaException error(SourceNode at, String problem) {
        return new SchemaException(new SchemaProblem(file, at.line(), at.column(), problem));
    }
}
