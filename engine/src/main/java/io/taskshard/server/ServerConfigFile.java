package io.taskshard.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.taskshard.auth.AuthMode;
import io.taskshard.model.Durations;
import io.taskshard.protocol.InputLimits;
import io.taskshard.scheduler.JobLimits;
import io.taskshard.model.ResourceClasses;
import io.taskshard.model.Resources;
import io.taskshard.store.StoreOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code server.yaml}. Its keys are the {@code serve} flags without the dashes in front
 * ({@code port: 7070}, {@code grace: 10s}); flags given on the command line override it.
 * Unknown keys are refused, naming the key and the file, so a typo never goes unnoticed.
 */
public final class ServerConfigFile {
    public static final List<String> KEYS = List.of("bind", "port", "data", "grace", "heartbeat",
            "hello-timeout", "max-frame-bytes", "max-queued-frames", "peer-token", "resource-classes", "auth",
            "tls-cert", "tls-key", "max-peers", "max-tasks", "peer-rate", "peer-burst", "max-body-bytes",
            "synchronous", "header-timeout", "body-timeout", "idle-timeout", "max-api-requests", "accept-queue",
            "max-jobs", "max-jobs-per-token", "max-total-tasks", "max-tasks-per-token",
            "abandoned-job-after");

    /** A server config is a few dozen lines; anything past this is not one. */
    public static final int DEFAULT_MAX_CONFIG_CHARS = 1024 * 1024;

    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .loaderOptions(InputLimits.yamlOptions(DEFAULT_MAX_CONFIG_CHARS))
            .streamReadConstraints(InputLimits.jsonConstraints())
            .build());

    private ServerConfigFile() {
    }

    /** A config file that cannot be used; the message names the file, the key and the problem. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }

        public ConfigException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** {@code base} with every setting the file states applied to it. */
    public static ServerConfig load(Path file, ServerConfig base) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such config file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(text, file.toString(), base);
    }

    /** Like {@link #load} for text already read; {@code source} names it in errors. */
    public static ServerConfig parse(String yaml, String source, ServerConfig base) {
        if (yaml.length() > DEFAULT_MAX_CONFIG_CHARS) {
            throw new ConfigException(source + ": " + yaml.length() + " characters, more than the "
                    + DEFAULT_MAX_CONFIG_CHARS + " a server config may have");
        }
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return base; // an empty file states nothing
        }
        if (!root.isObject()) {
            throw new ConfigException(source + ": must be a mapping of settings (key: value), got "
                    + root.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        ServerConfig config = base;
        Path tlsCert = base.security().tlsCert();
        Path tlsKey = base.security().tlsKey();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            String key = e.getKey();
            JsonNode v = e.getValue();
            try {
                config = switch (key) {
                    case "bind" -> config.withBind(text(v));
                    case "port" -> config.withPort((int) integer(v, 0, 65_535));
                    case "data" -> config.withDataDir(Path.of(text(v)));
                    case "grace" -> config.withGraceMs(duration(v));
                    case "heartbeat" -> config.withHeartbeatMs(duration(v));
                    case "hello-timeout" -> config.withHelloTimeoutMs(duration(v));
                    case "max-frame-bytes" -> config.withMaxFrameBytes((int) integer(v, 1, Integer.MAX_VALUE / 8));
                    case "max-queued-frames" -> config.withMaxQueuedFrames((int) integer(v, 1, Integer.MAX_VALUE));
                    case "peer-token" -> config.withPeerToken(text(v));
                    case "auth" -> config.withSecurity(config.security().withAuth(AuthMode.parse(text(v))));
                    case "tls-cert" -> {
                        tlsCert = relative(file(v), source);
                        yield config;
                    }
                    case "tls-key" -> {
                        tlsKey = relative(file(v), source);
                        yield config;
                    }
                    case "resource-classes" -> config.withResourceClasses(resourceClasses(v, config.resourceClasses()));
                    case "max-peers" -> config.withLimits(config.limits().withMaxPeers((int) integer(v, 1, Integer.MAX_VALUE)));
                    case "max-tasks" -> config.withLimits(config.limits().withMaxTasks((int) integer(v, 1, Integer.MAX_VALUE)));
                    case "peer-rate" -> config.withLimits(config.limits().withPeerRate(
                            v.isIntegralNumber() ? (int) integer(v, 1, Integer.MAX_VALUE) : ServerLimits.parseRate(text(v)),
                            config.limits().peerBurst()));
                    case "peer-burst" -> config.withLimits(config.limits().withPeerRate(config.limits().peerRate(),
                            (int) integer(v, 1, Integer.MAX_VALUE)));
                    case "max-body-bytes" -> config.withLimits(config.limits().withMaxBodyBytes(integer(v, 1, Long.MAX_VALUE)));
                    case "synchronous" -> config.withSynchronous(synchronous(text(v)));
                    case "header-timeout" -> config.withHttp(config.http().withHeaderTimeoutMs(duration(v)));
                    case "body-timeout" -> config.withHttp(config.http().withBodyTimeoutMs(duration(v)));
                    case "idle-timeout" -> config.withHttp(config.http().withIdleTimeoutMs(duration(v)));
                    case "max-api-requests" -> config.withHttp(config.http().withMaxApiRequests(
                            (int) integer(v, 1, Integer.MAX_VALUE)));
                    case "accept-queue" -> config.withHttp(config.http().withAcceptQueue((int) integer(v, 1, 65_535)));
                    case "max-jobs" -> withJobs(config, config.limits().jobs().withMaxJobs((int) integer(v, 1, Integer.MAX_VALUE)));
                    case "max-jobs-per-token" -> withJobs(config,
                            config.limits().jobs().withMaxJobsPerToken((int) integer(v, 1, Integer.MAX_VALUE)));
                    case "max-total-tasks" -> withJobs(config, config.limits().jobs().withMaxTotalTasks(integer(v, 1, Long.MAX_VALUE)));
                    case "max-tasks-per-token" -> withJobs(config,
                            config.limits().jobs().withMaxTasksPerToken(integer(v, 1, Long.MAX_VALUE)));
                    case "abandoned-job-after" -> withJobs(config, config.limits().jobs().withAbandonedAfterMs(duration(v)));
                    default -> throw new ConfigException(source + ": unknown key '" + key + "'; known keys: "
                            + String.join(", ", KEYS));
                };
            } catch (IllegalArgumentException ex) {
                throw new ConfigException(source + ": '" + key + "': " + ex.getMessage(), ex);
            }
        }
        try {
            return config.withSecurity(new ServerSecurity(config.security().auth(), tlsCert, tlsKey));
        } catch (IllegalArgumentException ex) {
            throw new ConfigException(source + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * {@code resource-classes: {gpu: {cpu: 16, memoryMb: 65536}}}: the classes named here are
     * added to (or replace same-named ones of) {@code base}.
     */
    private static ResourceClasses resourceClasses(JsonNode v, ResourceClasses base) {
        if (!v.isObject()) {
            throw new IllegalArgumentException("must be a mapping of class name to {cpu, memoryMb}, got " + v);
        }
        Map<String, Resources> classes = new LinkedHashMap<>(base.classes());
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            JsonNode r = e.getValue();
            if (!r.isObject()) {
                throw new IllegalArgumentException("class '" + e.getKey() + "' must be {cpu: N, memoryMb: M}, got " + r);
            }
            for (Map.Entry<String, JsonNode> f : r.properties()) {
                if (!f.getKey().equals("cpu") && !f.getKey().equals("memoryMb")) {
                    throw new IllegalArgumentException("class '" + e.getKey() + "': unknown field '" + f.getKey()
                            + "'; use cpu and memoryMb");
                }
                if (!f.getValue().isNumber()) {
                    throw new IllegalArgumentException("class '" + e.getKey() + "': " + f.getKey()
                            + " must be a number, got " + f.getValue());
                }
            }
            classes.put(e.getKey(), new Resources(r.path("cpu").asDouble(0), r.path("memoryMb").asLong(0)));
        }
        return new ResourceClasses(classes);
    }

    private static Path file(JsonNode v) {
        return Path.of(text(v));
    }

    /** A relative path in a config file is relative to the file's directory, not the working directory. */
    private static Path relative(Path p, String source) {
        Path parent = Path.of(source).toAbsolutePath().getParent();
        return p.isAbsolute() || parent == null ? p : parent.resolve(p);
    }

    /** {@code normal} or {@code full} (SQLite's names; case does not matter). */
    public static StoreOptions.Synchronous synchronous(String text) {
        try {
            return StoreOptions.Synchronous.valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be normal or full, got '" + text + "'", e);
        }
    }

    private static String text(JsonNode v) {
        if (!v.isValueNode() || v.isNull()) {
            throw new IllegalArgumentException("must be a plain value, got " + v);
        }
        String s = v.asText();
        if (s.isBlank()) {
            throw new IllegalArgumentException("must not be empty");
        }
        return s;
    }

    private static ServerConfig withJobs(ServerConfig config, JobLimits jobs) {
        return config.withLimits(config.limits().withJobs(jobs));
    }

    private static long integer(JsonNode v, long min, long max) {
        if (!v.isIntegralNumber() || v.longValue() < min || v.longValue() > max) {
            throw new IllegalArgumentException("must be a whole number from " + min + " to " + max + ", got " + v);
        }
        return v.longValue();
    }

    /** {@code 10s}, {@code 1500ms} or a bare number of milliseconds. */
    private static long duration(JsonNode v) {
        if (v.isIntegralNumber() && v.longValue() >= 0) {
            return v.longValue();
        }
        if (v.isTextual()) {
            return Durations.parseMillis(v.textValue());
        }
        throw new IllegalArgumentException("must be a duration like 10s or 1500ms, got " + v);
    }
}
