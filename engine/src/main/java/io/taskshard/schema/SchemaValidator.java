package io.taskshard.schema;

import io.taskshard.model.Schema;
import io.taskshard.model.TaskSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a {@link Schema} for what would make it unrunnable: empty name, no tasks, empty or
 * duplicate ids, empty target/command/labels, {@code needs} naming unknown tasks or the task
 * itself, and dependency cycles. Pure and linear in tasks + needs (cycle detection is an
 * iterative depth-first search, so a million-task chain cannot overflow the stack).
 *
 * <p>Numbers (attempts at least 1, no negative timeout or resources) are already enforced by the
 * {@link TaskSpec} and {@code Resources} records, so a {@code Schema} that exists has sane numbers.
 *
 * <p>Used by the loader, which turns each {@link Violation} into a file position, and by the
 * coordinator for schemas received in a {@code hello}, through {@link #problems(Schema)}.
 */
public final class SchemaValidator {

    /** A cycle-rich schema would otherwise produce one message per back edge. */
    public static final int DEFAULT_MAX_REPORTED_CYCLES = 10;

    /** {@link #problems(Schema)} stops listing after this many, so an error frame stays small. */
    public static final int DEFAULT_MAX_PROBLEMS = 50;

    /** Cycles longer than this are shown with their middle elided. */
    private static final int MAX_CYCLE_IDS_SHOWN = 12;

    private SchemaValidator() {
    }

    /** Which part of the schema a violation is about. */
    public enum Field { NAME, TASKS, TASK, ID, TARGET, COMMAND, NEEDS, LABELS }

    /**
     * One problem, with enough of a location for the loader to find it in the file.
     *
     * @param message   what is wrong
     * @param task      index of the task in the schema, -1 for the schema itself
     * @param field     the part of the task (or schema) concerned
     * @param item      index within {@code needs} or {@code labels}, -1 otherwise
     * @param firstTask for a duplicate id, index of the task that had it first; -1 otherwise
     */
    public record Violation(String message, int task, Field field, int item, int firstTask) {
        /** The message on its own, naming tasks by their position in the schema (1-based). */
        public String describe() {
            return firstTask < 0 ? message : message + " (first defined by task #" + (firstTask + 1) + ")";
        }
    }

    /** Human-readable problems, empty when the schema is valid; at most {@link #DEFAULT_MAX_PROBLEMS} + 1 lines. */
    public static List<String> problems(Schema schema) {
        List<Violation> all = check(schema);
        List<String> out = new ArrayList<>(Math.min(all.size(), DEFAULT_MAX_PROBLEMS + 1));
        for (int i = 0; i < all.size() && i < DEFAULT_MAX_PROBLEMS; i++) {
            out.add(all.get(i).describe());
        }
        if (all.size() > DEFAULT_MAX_PROBLEMS) {
            out.add("... and " + (all.size() - DEFAULT_MAX_PROBLEMS) + " more problems");
        }
        return out;
    }

    /** Every violation, in schema order (cycles last); empty when the schema is valid. */
    public static List<Violation> check(Schema schema) {
        List<Violation> out = new ArrayList<>();
        if (schema.name().isBlank()) {
            out.add(new Violation("schema name is empty", -1, Field.NAME, -1, -1));
        }
        List<TaskSpec> tasks = schema.tasks();
        if (tasks.isEmpty()) {
            out.add(new Violation("schema '" + schema.name() + "' has no tasks", -1, Field.TASKS, -1, -1));
            return out;
        }
        Map<String, Integer> indexById = new HashMap<>(tasks.size() * 2);
        for (int i = 0; i < tasks.size(); i++) {
            checkTask(tasks.get(i), i, out);
            String id = tasks.get(i).id();
            Integer first = indexById.putIfAbsent(id, i);
            if (first != null && !id.isBlank()) {
                out.add(new Violation("duplicate task id '" + id + "'", i, Field.ID, -1, first));
            }
        }
        Graph graph = Graph.build(tasks, indexById, out);
        findCycles(tasks, graph, out);
        return out;
    }

    private static void checkTask(TaskSpec t, int i, List<Violation> out) {
        if (t.id().isBlank()) {
            boolean nothing = (t.target() == null || t.target().isBlank())
                    && (t.command() == null || t.command().isBlank());
            out.add(new Violation(nothing ? "task #" + (i + 1) + " has no id, target or command"
                    : "task #" + (i + 1) + " has an empty id", i, Field.ID, -1, -1));
        }
        if (t.target() != null && t.target().isBlank()) {
            out.add(new Violation(name(t, i) + " has an empty target", i, Field.TARGET, -1, -1));
        }
        if (t.command() != null && t.command().isBlank()) {
            out.add(new Violation(name(t, i) + " has an empty command", i, Field.COMMAND, -1, -1));
        }
        for (int k = 0; k < t.labels().size(); k++) {
            if (t.labels().get(k).isBlank()) {
                out.add(new Violation(name(t, i) + " has an empty label", i, Field.LABELS, k, -1));
            }
        }
    }

    private static String name(TaskSpec t, int i) {
        return t.id().isBlank() ? "task #" + (i + 1) : "task '" + t.id() + "'";
    }

    /**
     * The needs graph in compressed form: the edges of task {@code i} are
     * {@code to[start[i] .. start[i+1])}, and {@code item[e]} is the needs index edge {@code e} came from.
     * Unknown and self needs are reported here and left out.
     */
    private record Graph(int[] start, int[] to, int[] item) {
        static Graph build(List<TaskSpec> tasks, Map<String, Integer> indexById, List<Violation> out) {
            int n = tasks.size();
            int[] start = new int[n + 1];
            int[] to = new int[countNeeds(tasks)];
            int[] item = new int[to.length];
            int e = 0;
            for (int i = 0; i < n; i++) {
                start[i] = e;
                TaskSpec t = tasks.get(i);
                List<String> needs = t.needs();
                for (int k = 0; k < needs.size(); k++) {
                    Integer j = indexById.get(needs.get(k));
                    if (j == null) {
                        out.add(new Violation(name(t, i) + " needs unknown task '" + needs.get(k) + "'",
                                i, Field.NEEDS, k, -1));
                    } else if (j == i) {
                        out.add(new Violation(name(t, i) + " needs itself", i, Field.NEEDS, k, -1));
                    } else {
                        to[e] = j;
                        item[e] = k;
                        e++;
                    }
                }
            }
            start[n] = e;
            return new Graph(start, to, item);
        }

        private static int countNeeds(List<TaskSpec> tasks) {
            long total = 0;
            for (TaskSpec t : tasks) {
                total += t.needs().size();
            }
            return Math.toIntExact(total);
        }
    }

    private static final byte UNSEEN = 0;
    private static final byte ON_PATH = 1;
    private static final byte DONE = 2;

    /** Iterative depth-first search; an edge back onto the current path closes a cycle. */
    private static void findCycles(List<TaskSpec> tasks, Graph g, List<Violation> out) {
        int n = tasks.size();
        byte[] state = new byte[n];
        int[] pathNode = new int[n];
        int[] pathEdge = new int[n]; // next edge to try for the node at this depth
        int[] depthOf = new int[n];
        int reported = 0;
        for (int root = 0; root < n && reported < DEFAULT_MAX_REPORTED_CYCLES; root++) {
            if (state[root] != UNSEEN) {
                continue;
            }
            int depth = 0;
            pathNode[0] = root;
            pathEdge[0] = g.start()[root];
            depthOf[root] = 0;
            state[root] = ON_PATH;
            while (depth >= 0) {
                int node = pathNode[depth];
                int edge = pathEdge[depth];
                if (edge == g.start()[node + 1]) {
                    state[node] = DONE;
                    depth--;
                    continue;
                }
                pathEdge[depth] = edge + 1;
                int next = g.to()[edge];
                if (state[next] == UNSEEN) {
                    depth++;
                    pathNode[depth] = next;
                    pathEdge[depth] = g.start()[next];
                    depthOf[next] = depth;
                    state[next] = ON_PATH;
                } else if (state[next] == ON_PATH && reported < DEFAULT_MAX_REPORTED_CYCLES) {
                    out.add(cycle(tasks, g, pathNode, pathEdge, depthOf[next], depth));
                    reported++;
                }
            }
        }
    }

    /** The cycle on the path from depth {@code from} to {@code to}, starting at its earliest task. */
    private static Violation cycle(List<TaskSpec> tasks, Graph g, int[] pathNode, int[] pathEdge, int from, int to) {
        int length = to - from + 1;
        int startAt = from;
        for (int d = from; d <= to; d++) {
            if (pathNode[d] < pathNode[startAt]) {
                startAt = d;
            }
        }
        String[] ids = new String[length];
        for (int k = 0; k < length; k++) {
            ids[k] = tasks.get(pathNode[from + (startAt - from + k) % length]).id();
        }
        int first = pathNode[startAt];
        // pathEdge was advanced past the edge taken, so the edge from this task into the cycle is one before.
        int needsItem = g.item()[pathEdge[startAt] - 1];
        return new Violation("dependency cycle: " + arrowed(ids), first, Field.NEEDS, needsItem, -1);
    }

    private static String arrowed(String[] ids) {
        StringBuilder sb = new StringBuilder();
        if (ids.length <= MAX_CYCLE_IDS_SHOWN) {
            for (String id : ids) {
                sb.append(id).append(" -> ");
            }
        } else {
            int head = MAX_CYCLE_IDS_SHOWN - 2;
            for (String id : Arrays.copyOf(ids, head)) {
                sb.append(id).append(" -> ");
            }
            sb.append("... (").append(ids.length - head - 1).append(" more) -> ")
                    .append(ids[ids.length - 1]).append(" -> ");
        }
        return sb.append(ids[0]).toString();
    }
}
