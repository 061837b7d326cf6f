package io.taskshard.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskshard.model.RepoEntry;
import io.taskshard.model.Resources;
import io.taskshard.model.TaskSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds {@link PeerMessage}s from parsed JSON by hand, so every refusal can say which field
 * is wrong, what was expected and what came. Fields it does not know are ignored.
 */
final class PeerMessageReader {
    static final List<String> TYPES = List.of("hello", "started", "progress", "finished", "heartbeat", "goodbye");
    private static final Set<String> TYPE_SET = Set.copyOf(TYPES);
    private static final Set<String> PIPELINE_TYPES = Set.of("independent", "dependent");

    /** Thrown inside the reader for a field that is missing or of the wrong kind. */
    static final class BadMessage extends Exception {
        BadMessage(String message) {
            super(message, null, false, false); // expected input error: no stack trace needed
        }
    }

    private PeerMessageReader() {
    }

    static boolean knows(String type) {
        return TYPE_SET.contains(type);
    }

    static PeerMessage read(String type, JsonNode o) throws BadMessage {
        return switch (type) {
            case "hello" -> hello(o);
            case "started" -> new PeerMessage.Started(lease(o));
            case "progress" -> new PeerMessage.Progress(lease(o), optString(o, "log"));
            case "finished" -> finished(o);
            case "heartbeat" -> new PeerMessage.Heartbeat(optLongs(o, "running"));
            case "goodbye" -> new PeerMessage.Goodbye();
            default -> throw new IllegalArgumentException("not a peer message type: " + type);
        };
    }

    private static PeerMessage.Finished finished(JsonNode o) throws BadMessage {
        long lease = lease(o);
        JsonNode outcomeNode = o.get("outcome");
        if (isAbsent(outcomeNode)) {
            throw new BadMessage("missing required field 'outcome' (success, failure or error)");
        }
        Outcome outcome = switch (outcomeNode.isTextual() ? outcomeNode.textValue() : "") {
            case "success" -> Outcome.SUCCESS;
            case "failure" -> Outcome.FAILURE;
            case "error" -> Outcome.ERROR;
            default -> throw new BadMessage("'outcome' must be success, failure or error, got " + describe(outcomeNode));
        };
        JsonNode exit = o.get("exitCode");
        Integer exitCode = isAbsent(exit) ? null : (int) integer(exit, "exitCode", Integer.MIN_VALUE, Integer.MAX_VALUE);
        long durationMs = optLong(o, "durationMs", 0, 0, Long.MAX_VALUE);
        JsonNode retry = o.get("retryable");
        Boolean retryable = isAbsent(retry) ? null : bool(retry, "retryable");
        return new PeerMessage.Finished(lease, outcome, exitCode, durationMs, optString(o, "log"), retryable);
    }

    private static PeerMessage.Hello hello(JsonNode o) throws BadMessage {
        JsonNode protocolNode = o.get("protocol");
        if (isAbsent(protocolNode)) {
            throw new BadMessage("missing required field 'protocol' (this coordinator speaks "
                    + PeerMessage.PROTOCOL_VERSION + ")");
        }
        int protocol = (int) integer(protocolNode, "protocol", Integer.MIN_VALUE, Integer.MAX_VALUE);
        String peer = optString(o, "peer");
        if (peer == null || peer.isBlank()) {
            throw new BadMessage("missing required field 'peer' (a stable, non-empty peer id)");
        }
        boolean worker = optBool(o, "worker");
        PeerMessage.SchemaMsg schema = schema(o.get("schema"));
        if (schema == null && !worker) {
            throw new BadMessage("missing required field 'schema' {name, tasks} (only a worker: true peer may omit it)");
        }
        int slots = (int) optLong(o, "slots", 1, 1, Integer.MAX_VALUE);
        return new PeerMessage.Hello(protocol, peer, schema, optString(o, "cacheId"), repoState(o.get("repoState")),
                optBool(o, "complexPatchset"), slots, optStrings(o, "labels"), resources(o.get("resources"), "resources"),
                pipeline(o.get("pipeline")), running(o.get("running")), worker);
    }

    private static PeerMessage.SchemaMsg schema(JsonNode s) throws BadMessage {
        if (isAbsent(s)) {
            return null;
        }
        requireObject(s, "schema");
        String name = optString(s, "name");
        if (name == null || name.isBlank()) {
            throw new BadMessage("missing required field 'schema.name' (a non-empty string)");
        }
        JsonNode tasks = s.get("tasks");
        if (isAbsent(tasks)) {
            throw new BadMessage("missing required field 'schema.tasks' (a list of {id, ...})");
        }
        if (!tasks.isArray()) {
            throw new BadMessage("'schema.tasks' must be a list, got " + describe(tasks));
        }
        List<TaskSpec> specs = new ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            JsonNode t = tasks.get(i);
            String where = "schema.tasks[" + i + "]";
            requireObject(t, where);
            Map<String, Object> m = JsonValues.object(t);
            try {
                specs.add(TaskSpecJson.fromWire(m));
            } catch (IllegalArgumentException e) {
                throw new BadMessage(where + ": " + e.getMessage());
            }
        }
        return new PeerMessage.SchemaMsg(name, specs);
    }

    private static Map<String, RepoEntry> repoState(JsonNode r) throws BadMessage {
        if (isAbsent(r)) {
            return Map.of();
        }
        requireObject(r, "repoState");
        Map<String, RepoEntry> out = new LinkedHashMap<>();
        for (var e : r.properties()) {
            String where = "repoState." + e.getKey();
            JsonNode entry = e.getValue();
            requireObject(entry, where);
            String baseRef = optString(entry, "baseRef", where);
            String patchset = optString(entry, "patchset", where);
            List<String> additional = optStrings(entry, "additionalPatchsets", where);
            out.put(e.getKey(), new RepoEntry(baseRef, patchset, additional));
        }
        return out;
    }

    private static Resources resources(JsonNode r, String where) throws BadMessage {
        if (isAbsent(r)) {
            return Resources.NONE;
        }
        requireObject(r, where);
        JsonNode cpu = r.get("cpu");
        double cpuValue = 0;
        if (!isAbsent(cpu)) {
            if (!cpu.isNumber() || cpu.doubleValue() < 0) {
                throw new BadMessage("'" + where + ".cpu' must be a number >= 0, got " + describe(cpu));
            }
            cpuValue = cpu.doubleValue();
        }
        long memoryMb = optLong(r, "memoryMb", 0, 0, Long.MAX_VALUE, where);
        return new Resources(cpuValue, memoryMb);
    }

    private static PeerMessage.Pipeline pipeline(JsonNode p) throws BadMessage {
        if (isAbsent(p)) {
            return null;
        }
        requireObject(p, "pipeline");
        String type = optString(p, "type", "pipeline");
        if (type != null && !PIPELINE_TYPES.contains(type)) {
            throw new BadMessage("'pipeline.type' must be independent or dependent, got \"" + type + "\"");
        }
        return new PeerMessage.Pipeline(optString(p, "name", "pipeline"), type);
    }

    private static List<PeerMessage.RunningLease> running(JsonNode r) throws BadMessage {
        if (isAbsent(r)) {
            return List.of();
        }
        if (!r.isArray()) {
            throw new BadMessage("'running' must be a list of {lease, task}, got " + describe(r));
        }
        List<PeerMessage.RunningLease> out = new ArrayList<>(r.size());
        for (int i = 0; i < r.size(); i++) {
            String where = "running[" + i + "]";
            JsonNode item = r.get(i);
            requireObject(item, where);
            JsonNode lease = item.get("lease");
            if (isAbsent(lease)) {
                throw new BadMessage("missing required field '" + where + ".lease'");
            }
            String task = optString(item, "task", where);
            if (task == null) {
                throw new BadMessage("missing required field '" + where + ".task'");
            }
            out.add(new PeerMessage.RunningLease(integer(lease, where + ".lease", 1, Long.MAX_VALUE), task));
        }
        return out;
    }

    // --- field helpers -------------------------------------------------------------------

    private static long lease(JsonNode o) throws BadMessage {
        JsonNode lease = o.get("lease");
        if (isAbsent(lease)) {
            throw new BadMessage("missing required field 'lease'");
        }
        return integer(lease, "lease", 1, Long.MAX_VALUE);
    }

    private static boolean isAbsent(JsonNode n) {
        return n == null || n.isNull();
    }

    private static void requireObject(JsonNode n, String where) throws BadMessage {
        if (!n.isObject()) {
            throw new BadMessage("'" + where + "' must be an object, got " + describe(n));
        }
    }

    private static long integer(JsonNode n, String field, long min, long max) throws BadMessage {
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new BadMessage("'" + field + "' must be an integer, got " + describe(n));
        }
        long v = n.longValue();
        if (v < min || v > max) {
            throw new BadMessage("'" + field + "' must be " + range(min, max) + ", got " + v);
        }
        return v;
    }

    private static String range(long min, long max) {
        if (max == Long.MAX_VALUE || max == Integer.MAX_VALUE) {
            return "at least " + min;
        }
        return "between " + min + " and " + max;
    }

    private static long optLong(JsonNode o, String field, long dflt, long min, long max) throws BadMessage {
        return optLong(o, field, dflt, min, max, null);
    }

    private static long optLong(JsonNode o, String field, long dflt, long min, long max, String parent)
            throws BadMessage {
        JsonNode n = o.get(field);
        return isAbsent(n) ? dflt : integer(n, qualified(parent, field), min, max);
    }

    private static boolean bool(JsonNode n, String field) throws BadMessage {
        if (!n.isBoolean()) {
            throw new BadMessage("'" + field + "' must be true or false, got " + describe(n));
        }
        return n.booleanValue();
    }

    private static boolean optBool(JsonNode o, String field) throws BadMessage {
        JsonNode n = o.get(field);
        return !isAbsent(n) && bool(n, field);
    }

    private static String optString(JsonNode o, String field) throws BadMessage {
        return optString(o, field, null);
    }

    private static String optString(JsonNode o, String field, String parent) throws BadMessage {
        JsonNode n = o.get(field);
        if (isAbsent(n)) {
            return null;
        }
        if (!n.isTextual()) {
            throw new BadMessage("'" + qualified(parent, field) + "' must be a string, got " + describe(n));
        }
        return n.textValue();
    }

    private static List<String> optStrings(JsonNode o, String field) throws BadMessage {
        return optStrings(o, field, null);
    }

    private static List<String> optStrings(JsonNode o, String field, String parent) throws BadMessage {
        JsonNode n = o.get(field);
        if (isAbsent(n)) {
            return List.of();
        }
        String name = qualified(parent, field);
        if (!n.isArray()) {
            throw new BadMessage("'" + name + "' must be a list of strings, got " + describe(n));
        }
        List<String> out = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) {
            JsonNode item = n.get(i);
            if (!item.isTextual()) {
                throw new BadMessage("'" + name + "[" + i + "]' must be a string, got " + describe(item));
            }
            out.add(item.textValue());
        }
        return out;
    }

    /** Null when absent (heartbeat without {@code running}). */
    private static List<Long> optLongs(JsonNode o, String field) throws BadMessage {
        JsonNode n = o.get(field);
        if (isAbsent(n)) {
            return null;
        }
        if (!n.isArray()) {
            throw new BadMessage("'" + field + "' must be a list of leases, got " + describe(n));
        }
        List<Long> out = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) {
            out.add(integer(n.get(i), field + "[" + i + "]", 1, Long.MAX_VALUE));
        }
        return out;
    }

    private static String qualified(String parent, String field) {
        return parent == null ? field : parent + "." + field;
    }

    /** A short description of a JSON value for error messages: its kind and a clipped text. */
    static String describe(JsonNode n) {
        String kind = switch (n.getNodeType()) {
            case STRING -> "string";
            case NUMBER -> n.isIntegralNumber() ? "integer" : "number";
            case BOOLEAN -> "boolean";
            case ARRAY -> "list";
            case OBJECT -> "object";
            case NULL -> "null";
            default -> n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
        String text = n.toString();
        if (text.length() > 40) {
            text = text.substring(0, 37) + "...";
        }
        return kind + " " + text;
    }
}
