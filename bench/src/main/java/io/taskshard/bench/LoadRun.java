package io.taskshard.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.taskshard.protocol.ProtocolCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one job to completion against a coordinator: N peers with S slots each join with the
 * same schema of M zero-length tasks, answer every assign at once, and leave after
 * job-complete. Bounded: everything waits at most {@link Spec#timeout}.
 */
final class LoadRun {
    private static final Logger LOG = LoggerFactory.getLogger(LoadRun.class);
    private static final ObjectMapper JSON = ProtocolCodec.mapper();
    /** How long peers get to finish the close handshake after the run; then they are cut. */
    static final Duration DEFAULT_CLOSE_WAIT = Duration.ofSeconds(5);
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * @param uri            the coordinator's peer endpoint, {@code ws://host:port/v1/peer}
     * @param metrics        the coordinator's {@code /metrics}, for batches per window; null to skip
     * @param token          peer token, or null
     * @param schemaName     unique per run, so a run never joins another run's job
     * @param peerPrefix     peer ids are {@code <prefix>-000}, {@code <prefix>-001}, ...
     * @param httpClients    JDK HttpClients the sockets are spread over (each has its own selector thread)
     * @param holdUntilAllJoined peers answer no assign until the last one is welcomed; the
     *                       measured window then starts at that moment instead of the first assign
     * @param joinLanes      how many peers may be joining (connected, hello sent, no welcome yet) at once
     */
    record Spec(String label, URI uri, URI metrics, String token, String schemaName, String peerPrefix, int peers,
                int slots, int tasks, boolean holdUntilAllJoined, boolean sendStarted, long taskDurationMs,
                int httpClients, int joinLanes, Duration timeout) {
        Spec {
            Objects.requireNonNull(uri, "uri");
            require(peers >= 1, "peers must be at least 1, got " + peers);
            require(slots >= 1, "slots must be at least 1, got " + slots);
            require(tasks >= 1, "tasks must be at least 1, got " + tasks);
            require(taskDurationMs >= 0, "task duration must not be negative, got " + taskDurationMs);
            require(httpClients >= 1, "http clients must be at least 1, got " + httpClients);
            require(joinLanes >= 1, "join lanes must be at least 1, got " + joinLanes);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }

    /** The run did not complete in time, or a peer was refused or cut off. */
    static final class RunFailed extends Exception {
        RunFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private LoadRun() {
    }

    static LoadResult run(Spec spec) throws RunFailed, InterruptedException {
        RunBoard board = new RunBoard(spec.peers(), spec.tasks());
        String schemaJson = schemaJson(spec.schemaName(), spec.tasks());
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("bench-timer").daemon(true).factory());
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < spec.httpClients(); i++) {
            clients.add(HttpClient.newBuilder().connectTimeout(DEFAULT_CONNECT_TIMEOUT).build());
        }
        List<BenchPeer> peers = new ArrayList<>();
        for (int i = 0; i < spec.peers(); i++) {
            peers.add(new BenchPeer(String.format("%s-%03d", spec.peerPrefix(), i), board, spec.holdUntilAllJoined(),
                    spec.sendStarted(), spec.taskDurationMs(), timer));
        }
        ProcessMeter meter = new ProcessMeter();
        long deadline = System.nanoTime() + spec.timeout().toNanos();
        ProcessMeter.Snapshot before = meter.snapshot();
        long t0 = before.nanos();
        try {
            join(spec, clients, peers, schemaJson, deadline);
            // Held peers start answering when the last one is welcomed, just before this returns:
            // the CPU from here on is the measured window's, what came before is the join's.
            ProcessMeter.Snapshot window = spec.holdUntilAllJoined() ? meter.snapshot() : before;
            // Read a few milliseconds into the window (one HTTP round trip): batches per task are
            // approximate by the handful of commits made meanwhile.
            CoordinatorMetrics metrics = new CoordinatorMetrics(spec.metrics());
            long batchesBefore = metrics.batchesCommitted();
            await(CompletableFuture.allOf(peers.stream().map(p -> p.settled).toArray(CompletableFuture[]::new)),
                    deadline, () -> "job did not complete: " + board.welcomed() + " of " + spec.peers()
                            + " peers welcomed, " + board.finished() + " of " + spec.tasks() + " tasks finished");
            long settledNanos = System.nanoTime();
            ProcessMeter.Usage usage = meter.since(window);
            long batchesAfter = metrics.batchesCommitted();
            long batches = batchesBefore < 0 || batchesAfter < 0 ? -1 : batchesAfter - batchesBefore;
            double liveHeapMb = ProcessMeter.liveHeapMb(); // after the window: it forces a GC
            long joinCpuMs = (window.cpuNanos() - before.cpuNanos()) / 1_000_000;
            return result(spec, board, peers, t0, settledNanos, usage, joinCpuMs, batches, liveHeapMb);
        } finally {
            leave(peers);
            timer.shutdownNow();
            clients.forEach(HttpClient::shutdownNow);
        }
    }

    /**
     * Joins the peers in {@link Spec#joinLanes} lanes: in each lane a peer connects, sends its
     * hello and waits for welcome before the next one connects. A hello carries the whole
     * schema (1.6 MB for 100,000 tasks); opening every socket first and then sending 100 such
     * hellos at once makes the last ones miss the server's hello timeout, which counts from
     * the connect.
     */
    private static void join(Spec spec, List<HttpClient> clients, List<BenchPeer> peers, String schemaJson,
                              long deadline) throws RunFailed, InterruptedException {
        List<CompletableFuture<Void>> lanes = new ArrayList<>();
        for (int lane = 0; lane < Math.min(spec.joinLanes(), peers.size()); lane++) {
            CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
            for (int i = lane; i < peers.size(); i += spec.joinLanes()) {
                BenchPeer peer = peers.get(i);
                HttpClient client = clients.get(i % clients.size());
                chain = chain.thenCompose(ignored -> {
                    WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(DEFAULT_CONNECT_TIMEOUT);
                    if (spec.token() != null) {
                        builder.header("Authorization", "Bearer " + spec.token());
                    }
                    return builder.buildAsync(spec.uri(), peer);
                }).thenCompose(ws -> {
                    peer.sender().send(hello(peer.id(), spec, schemaJson));
                    return peer.welcomed;
                });
            }
            lanes.add(chain);
        }
        await(CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new)), deadline,
                () -> "could not join " + peers.size() + " peers at " + spec.uri() + " (" + peersWelcomed(peers)
                        + " welcomed)");
    }

    private static long peersWelcomed(List<BenchPeer> peers) {
        return peers.stream().filter(p -> p.welcomed.isDone() && !p.welcomed.isCompletedExceptionally()).count();
    }

    private static void await(CompletableFuture<?> future, long deadline, java.util.function.Supplier<String> what)
            throws RunFailed, InterruptedException {
        try {
            future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new RunFailed("timed out: " + what.get(), e);
        } catch (ExecutionException e) {
            throw new RunFailed(what.get() + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Goodbye and close for every peer; sockets that do not finish the close handshake in time are cut. */
    private static void leave(List<BenchPeer> peers) {
        List<CompletableFuture<Integer>> closing = new ArrayList<>();
        for (BenchPeer peer : peers) {
            if (peer.sender() != null && !peer.closed.isDone()) {
                peer.leave();
                closing.add(peer.closed);
            }
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
                    .get(DEFAULT_CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.warn("not every peer finished its close handshake within {}; cutting the rest", DEFAULT_CLOSE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        peers.forEach(BenchPeer::abort);
    }

    private static LoadResult result(Spec spec, RunBoard board, List<BenchPeer> peers, long t0, long settledNanos,
                                     ProcessMeter.Usage usage, long joinCpuMs, long batches,
                                     double liveHeapMb) {
        Histogram latency = Latency.newHistogram();
        Histogram behindTaskDone = Latency.newHistogram();
        long assigns = 0;
        long finished = 0;
        long acks = 0;
        long taskDoneFrames = 0;
        long taskDoneChars = 0;
        long cancels = 0;
        TreeSet<Long> jobs = new TreeSet<>();
        TreeSet<String> outcomes = new TreeSet<>();
        List<String> errors = new ArrayList<>();
        for (BenchPeer p : peers) {
            latency.add(p.latency());
            behindTaskDone.add(p.latencyBehindTaskDone());
            assigns += p.assigns();
            finished += p.finishedSent();
            acks += p.acks();
            taskDoneFrames += p.taskDoneFrames();
            taskDoneChars += p.taskDoneChars();
            cancels += p.cancels();
            jobs.add(p.job());
            outcomes.add(String.valueOf(p.outcome()));
            p.errors().forEach(e -> errors.add(p.id() + ": " + e));
        }
        long start = spec.holdUntilAllJoined() ? board.allWelcomedNanos() : board.firstAssignNanos();
        long complete = board.firstCompleteNanos();
        double runMs = (complete - start) / 1e6;
        int[] counts = board.assignmentCounts();
        LoadResult.Check check = new LoadResult.Check(counts[0], counts[1], counts[2], board.unknownTaskIds(),
                finished - acks, List.copyOf(jobs), List.copyOf(outcomes), errors);
        return new LoadResult(spec.label(),
                new LoadResult.Settings(spec.uri().toString(), spec.peers(), spec.slots(), spec.tasks(),
                        spec.holdUntilAllJoined(), spec.sendStarted(), spec.taskDurationMs(), spec.httpClients()),
                (settledNanos - t0) / 1_000_000, (board.allWelcomedNanos() - t0) / 1_000_000,
                joinCpuMs, round(runMs), round(spec.tasks() / (runMs / 1000)),
                new LoadResult.Window(epochMillis(start), epochMillis(complete)),
                Latency.of(latency), Latency.of(behindTaskDone),
                new LoadResult.Frames(assigns, finished, acks, taskDoneFrames, round(taskDoneChars / 1e6), cancels),
                usage, liveHeapMb, round(usage.cpuMs() * 1000.0 / spec.tasks()), batches,
                batches > 0 ? round((double) spec.tasks() / batches) : -1, check);
    }

    /** The wall-clock time of a System.nanoTime reading, to line results up with profiles and logs. */
    private static long epochMillis(long nanos) {
        return System.currentTimeMillis() - (System.nanoTime() - nanos) / 1_000_000;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** {@code {"name": ..., "tasks": [{"id": "t0"}, ...]}}: built once per run, shared by every hello. */
    static String schemaJson(String name, int tasks) {
        StringBuilder sb = new StringBuilder(tasks * 16 + 64);
        sb.append("{\"name\":").append(quote(name)).append(",\"tasks\":[");
        for (int i = 0; i < tasks; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"id\":\"").append(RunBoard.taskId(i)).append("\"}");
        }
        return sb.append("]}").toString();
    }

    static String hello(String peerId, Spec spec, String schemaJson) {
        ObjectNode hello = JSON.createObjectNode();
        hello.put("type", "hello");
        hello.put("protocol", 1);
        hello.put("peer", peerId);
        hello.putRawValue("schema", new RawValue(schemaJson));
        hello.put("cacheId", "bench");
        hello.putObject("repoState").putObject("bench-repo").put("baseRef", "base").put("patchset", "ps-1");
        hello.put("slots", spec.slots());
        return hello.toString();
    }

    private static String quote(String s) {
        return JSON.getNodeFactory().textNode(s).toString();
    }
}
