package io.taskshard.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import io.taskshard.coordinator.BatchListener;
import io.taskshard.coordinator.ReadModel;
import io.taskshard.model.Change;
import io.taskshard.model.PeerRecord;
import io.taskshard.model.TaskRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator event stream ({@code GET /api/v1/events}, WebSocket): on connect a
 * {@code snapshot} of the read model, then one {@code delta} per committed batch, in order,
 * with no gap between the two.
 *
 * <p>No gap: a new client is registered (its deltas held) <em>before</em> the snapshot is
 * copied, and the snapshot carries the read model's version; held deltas at or below it are
 * dropped. Must be told about a batch after the {@link ReadModel} applied it.
 *
 * <p>The coordinator thread serialises each batch once and hands the text to every client's
 * queue; it never waits for a client (see {@link Subscriber}).
 */
public final class EventHub implements BatchListener {
    /** A client this many deltas behind is closed (it can reconnect for a fresh snapshot). */
    public static final int DEFAULT_MAX_PENDING = 10_000;
    /** WebSocket pings keep idle event streams open through proxies and Jetty's idle timeout. */
    public static final long DEFAULT_PING_SECONDS = 15;

    private static final Logger log = LoggerFactory.getLogger(EventHub.class);

    private final ReadModel readModel;
    private final int maxPending;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final Map<String, Subscriber> bySession = new ConcurrentHashMap<>();

    public EventHub(ReadModel readModel) {
        this(readModel, DEFAULT_MAX_PENDING);
    }

    public EventHub(ReadModel readModel, int maxPending) {
        this.readModel = readModel;
        this.maxPending = maxPending;
    }

    /** Clients connected right now. */
    public int subscriberCount() {
        return subscribers.size();
    }

    @Override
    public void onCommitted(List<Change> changes, long now) {
        if (subscribers.isEmpty()) {
            return;
        }
        ArrayNode list = Json.MAPPER.createArrayNode();
        // Peers once per batch, last, as the read model has them now (it folds attempts into them).
        Map<String, PeerRecord> peers = new LinkedHashMap<>();
        for (Change change : changes) {
            if (change instanceof Change.PeerChanged c) {
                peers.put(c.peer().id(), c.peer());
                continue;
            }
            if (change instanceof Change.AttemptChanged c && c.attempt().peerId() != null) {
                peers.putIfAbsent(c.attempt().peerId(), null);
            }
            addChange(list, change);
        }
        peers.forEach((id, changed) -> {
            PeerRecord latest = readModel.peer(id).orElse(changed);
            if (latest != null) {
                list.add(tagged("peer", ApiViews.PeerJson.of(latest)));
            }
        });
        if (list.isEmpty()) {
            return; // nothing operators see (e.g. only duration history)
        }
        long version = readModel.version();
        ObjectNode delta = Json.MAPPER.createObjectNode();
        delta.put("type", "delta");
        delta.put("version", version);
        delta.set("changes", list);
        String text = Json.write(delta);
        for (Subscriber s : subscribers) {
            s.offer(version, text);
        }
    }

    /**
     * Registers a client and starts it with a snapshot. Runs on the connecting thread; the
     * snapshot is copied there, not on the coordinator thread.
     */
    Subscriber subscribe(EventSink sink) {
        Subscriber[] self = new Subscriber[1];
        Subscriber s = new Subscriber(sink, maxPending, () -> subscribers.remove(self[0]));
        self[0] = s;
        subscribers.add(s); // before the snapshot: no batch can fall between the two
        ReadModel.Snapshot snapshot = readModel.snapshot();
        s.start(snapshot.version(), Json.write(snapshotJson(snapshot)));
        log.info("event stream {}: subscribed at version {} ({} clients)", sink.describe(), snapshot.version(),
                subscribers.size());
        return s;
    }

    /** Wires the WebSocket handlers of {@code /api/v1/events}. Client frames are ignored. */
    public void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            ctx.enableAutomaticPings(DEFAULT_PING_SECONDS, TimeUnit.SECONDS);
            bySession.put(ctx.sessionId(), subscribe(new WsSink(ctx)));
        });
        ws.onClose(ctx -> {
            Subscriber s = bySession.remove(ctx.sessionId());
            if (s != null) {
                s.gone();
            }
        });
        ws.onError(ctx -> {
            Subscriber s = bySession.remove(ctx.sessionId());
            log.info("event stream {}: error {}", ctx.sessionId(), String.valueOf(ctx.error()));
            if (s != null) {
                s.gone();
            }
        });
    }

    private ObjectNode snapshotJson(ReadModel.Snapshot snap) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("type", "snapshot");
        out.put("version", snap.version());
        out.set("jobs", Json.MAPPER.valueToTree(snap.jobs().stream().map(ApiViews.JobJson::of).toList()));
        out.set("peers", Json.MAPPER.valueToTree(snap.peers().stream().map(ApiViews.PeerJson::of).toList()));
        out.set("tasks", Json.MAPPER.valueToTree(snap.tasks().stream().map(this::taskView).toList()));
        out.set("attempts", Json.MAPPER.valueToTree(snap.attempts().stream().map(ApiViews.AttemptJson::of).toList()));
        return out;
    }

    private void addChange(ArrayNode list, Change change) {
        switch (change) {
            case Change.JobCreated c -> {
                list.add(tagged("job", ApiViews.JobJson.of(c.job())));
                c.tasks().forEach(t -> list.add(tagged("task", taskView(t))));
            }
            case Change.JobChanged c -> list.add(tagged("job", ApiViews.JobJson.of(c.job())));
            case Change.TaskChanged c -> list.add(tagged("task", taskView(c.task())));
            case Change.AttemptChanged c -> list.add(tagged("attempt", ApiViews.AttemptJson.of(c.attempt())));
            case Change.PeerChanged c -> list.add(tagged("peer", ApiViews.PeerJson.of(c.peer())));
            case Change.Audited c -> list.add(tagged("audit", ApiViews.AuditJson.of(c.audit())));
            case Change.DurationObserved ignored -> {
            }
            case Change.ScheduleChanged ignored -> {
                // not streamed (clients would warn about an unknown kind); a fire shows as its job and audit entry
            }
            case Change.ScheduleRemoved ignored -> {
            }
        }
    }

    private ApiViews.TaskJson taskView(TaskRecord t) {
        return ApiViews.TaskJson.of(t, readModel.spec(t.jobId(), t.taskId()).orElse(null), null);
    }

    private static ObjectNode tagged(String kind, Object view) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("kind", kind);
        node.setAll((ObjectNode) Json.MAPPER.valueToTree(view));
        return node;
    }

    /** Jetty session adapter: asynchronous sends with completion callbacks. */
    private record WsSink(WsContext ctx) implements EventSink {
        @Override
        public void send(String text, Runnable onSent, java.util.function.Consumer<Throwable> onFailed) {
            ctx.session.sendText(text, org.eclipse.jetty.websocket.api.Callback.from(onSent, onFailed));
        }

        @Override
        public void close(int code, String reason) {
            ctx.closeSession(code, reason);
        }

        @Override
        public String describe() {
            return ctx.sessionId() + "@" + ctx.session.getRemoteSocketAddress();
        }
    }
}
