package io.taskshard.client;

import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AuditRecord;
import io.taskshard.model.JobRecord;
import io.taskshard.model.PeerRecord;
import java.util.List;
import java.util.Optional;

/**
 * One frame of the operator event stream ({@code /api/v1/events}), decoded into model records:
 * first a {@link Snapshot}, then a {@link Delta} per committed batch. See docs/operator-api.md,
 * "Event stream"; the package documentation has the field mapping.
 */
public sealed interface StreamFrame {

    /** The coordinator's read-model version this frame brings the client to. */
    long version();

    /**
     * Everything up to {@code version}: every job in memory and every peer; tasks and attempts
     * of unfinished jobs only (a finished job's tasks come from {@code GET /api/v1/jobs/{id}}).
     */
    record Snapshot(long version, List<JobRecord> jobs, List<PeerRecord> peers, List<TaskInfo> tasks,
                    List<AttemptRecord> attempts) implements StreamFrame {
        public Snapshot {
            jobs = List.copyOf(jobs);
            peers = List.copyOf(peers);
            tasks = List.copyOf(tasks);
            attempts = List.copyOf(attempts);
        }
    }

    /** One committed batch: whole records, each replacing what was there under its key. */
    record Delta(long version, List<Update> changes) implements StreamFrame {
        public Delta {
            changes = List.copyOf(changes);
        }
    }

    /** One change of a delta, by its {@code kind}. */
    sealed interface Update {
    }

    record JobUpdate(JobRecord job) implements Update {
    }

    record TaskUpdate(TaskInfo task) implements Update {
    }

    record AttemptUpdate(AttemptRecord attempt) implements Update {
    }

    record PeerUpdate(PeerRecord peer) implements Update {
    }

    record AuditUpdate(AuditRecord audit) implements Update {
    }

    /**
     * Decodes one text frame. A frame of a type this client does not know is skipped (empty, with
     * a warning), as is a change of an unknown {@code kind}: a newer server may add them.
     *
     * @throws ClientException when the frame is not JSON, or a known frame does not have the
     *                         documented shape
     */
    static Optional<StreamFrame> parse(String text) {
        return FrameDecoder.decode(text);
    }
}
