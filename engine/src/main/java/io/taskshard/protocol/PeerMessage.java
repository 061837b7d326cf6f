package io.taskshard.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.taskshard.model.RepoEntry;
import io.taskshard.model.Resources;
import io.taskshard.model.TaskSpec;
import java.util.List;
import java.util.Map;

/** Frames a peer sends to the coordinator (PROTOCOL.md "Peer → coordinator"). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = PeerMessage.Hello.class, name = "hello"),
    @JsonSubTypes.Type(value = PeerMessage.Started.class, name = "started"),
    @JsonSubTypes.Type(value = PeerMessage.Progress.class, name = "progress"),
    @JsonSubTypes.Type(value = PeerMessage.Finished.class, name = "finished"),
    @JsonSubTypes.Type(value = PeerMessage.Heartbeat.class, name = "heartbeat"),
    @JsonSubTypes.Type(value = PeerMessage.Goodbye.class, name = "goodbye"),
})
public sealed interface PeerMessage {

    int PROTOCOL_VERSION = 1;

    /**
     * Join. {@code worker} (our addition) marks a long-lived worker that takes submitted jobs
     * and sends no schema.
     */
    record Hello(
            int protocol,
            String peer,
            SchemaMsg schema,
            String cacheId,
            Map<String, RepoEntry> repoState,
            boolean complexPatchset,
            int slots,
            List<String> labels,
            Resources resources,
            Pipeline pipeline,
            List<RunningLease> running,
            boolean worker) implements PeerMessage {

        public Hello {
            repoState = repoState == null ? Map.of() : Map.copyOf(repoState);
            labels = labels == null ? List.of() : List.copyOf(labels);
            running = running == null ? List.of() : List.copyOf(running);
            resources = resources == null ? Resources.NONE : resources;
            cacheId = cacheId == null ? "" : cacheId;
            slots = slots == 0 ? 1 : slots;
        }
    }

    record SchemaMsg(String name, List<TaskSpec> tasks) {
        public SchemaMsg {
            tasks = tasks == null ? List.of() : List.copyOf(tasks);
        }
    }

    /** task-director's pipeline: informational, shown to operators. */
    record Pipeline(String name, String type) {
    }

    /** A lease the peer still runs when it reconnects. */
    record RunningLease(long lease, String task) {
    }

    record Started(long lease) implements PeerMessage {
    }

    record Progress(long lease, String log) implements PeerMessage {
    }

    record Finished(long lease, Outcome outcome, Integer exitCode, long durationMs, String log, Boolean retryable)
            implements PeerMessage {
    }

    record Heartbeat(List<Long> running) implements PeerMessage {
        public Heartbeat {
            running = running == null ? null : List.copyOf(running);
        }
    }

    record Goodbye() implements PeerMessage {
    }
}
