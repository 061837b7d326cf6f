package io.taskshard.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskshard.client.StreamFrame.AttemptUpdate;
import io.taskshard.client.StreamFrame.AuditUpdate;
import io.taskshard.client.StreamFrame.Delta;
import io.taskshard.client.StreamFrame.JobUpdate;
import io.taskshard.client.StreamFrame.PeerUpdate;
import io.taskshard.client.StreamFrame.Snapshot;
import io.taskshard.client.StreamFrame.TaskUpdate;
import io.taskshard.client.StreamFrame.Update;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads event-stream frames; see {@link StreamFrame#parse}. */
final class FrameDecoder {
    private static final Logger log = LoggerFactory.getLogger(FrameDecoder.class);

    private FrameDecoder() {
    }

    static Optional<StreamFrame> decode(String text) {
        JsonNode frame = Wire.parse(text, "event stream frame");
        String type = frame.path("type").asText("");
        if (!frame.path("version").canConvertToLong()) {
            throw new ClientException("event stream frame of type '" + type + "' has no numeric 'version'");
        }
        long version = frame.path("version").asLong();
        return switch (type) {
            case "snapshot" -> Optional.of(new Snapshot(version, list(frame, "jobs", Wire::job),
                    list(frame, "peers", Wire::peer), list(frame, "tasks", Wire::task),
                    list(frame, "attempts", Wire::attempt)));
            case "delta" -> Optional.of(new Delta(version, updates(frame, version)));
            default -> {
                log.warn("event stream: skipping a frame of unknown type '{}' (version {})", type, version);
                yield Optional.empty();
            }
        };
    }

    private static List<Update> updates(JsonNode frame, long version) {
        JsonNode changes = frame.path("changes");
        if (!changes.isArray()) {
            throw new ClientException("delta " + version + " has no 'changes' list");
        }
        List<Update> out = new ArrayList<>(changes.size());
        for (JsonNode c : changes) {
            String kind = c.path("kind").asText("");
            switch (kind) {
                case "job" -> out.add(new JobUpdate(Wire.job(c)));
                case "task" -> out.add(new TaskUpdate(Wire.task(c)));
                case "attempt" -> out.add(new AttemptUpdate(Wire.attempt(c)));
                case "peer" -> out.add(new PeerUpdate(Wire.peer(c)));
                case "audit" -> out.add(new AuditUpdate(Wire.audit(c)));
                default -> log.warn("event stream: skipping a change of unknown kind '{}' in delta {}", kind, version);
            }
        }
        return out;
    }

    private static <T> List<T> list(JsonNode frame, String field, Function<JsonNode, T> read) {
        JsonNode array = frame.path(field);
        if (!array.isArray()) {
            throw new ClientException("snapshot " + frame.path("version").asLong() + " has no '" + field + "' list");
        }
        List<T> out = new ArrayList<>(array.size());
        array.forEach(n -> out.add(read.apply(n)));
        return out;
    }
}
