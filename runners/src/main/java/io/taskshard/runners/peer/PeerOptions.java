package io.taskshard.runners.peer;

import io.taskshard.model.RepoEntry;
import io.taskshard.model.Resources;
import io.taskshard.model.Schema;
import io.taskshard.tls.TlsContexts;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a {@link PeerClient} needs besides its runner. Build with
 * {@link #builder(URI, String, Schema)}; every setting not given has a named default.
 *
 * @param server           the peer WebSocket URL ({@link io.taskshard.client.ServerAddress#peerUri} makes one from
 *                         what a user typed)
 * @param peerId           stable id; reuse it to reclaim leases after a reconnect or restart
 * @param schema           the schema this peer works on (sent in {@code hello})
 * @param cacheId          the remote cache's id; "" when none
 * @param repoState        per repository: base ref and patchsets
 * @param complexPatchset  true always starts a job of its own
 * @param slots            how many attempts run at once (≥ 1)
 * @param labels           labels offered
 * @param resources        resources offered
 * @param token            sent as {@code Authorization: Bearer}; null for none
 * @param workDir          where tasks run
 * @param env              environment variables added to every task
 * @param stateDir         where the lease journal lives; null keeps no journal (then a restarted
 *                         peer cannot reclaim its leases)
 * @param progressInterval how often a changed log tail is sent as {@code progress}
 * @param backoff          reconnect delays
 * @param reconnectLimit   give up after this long without a connection
 * @param connectTimeout   TCP + WebSocket handshake limit of one connection attempt
 * @param worker           a long-lived worker: says {@code worker: true} instead of sending a schema,
 *                         takes tasks of submitted jobs it fits, and stays between jobs ({@link #worker(URI, String)})
 * @param caCert           PEM file of the CA(s) to trust for {@code wss://} (a private CA); null = the JDK's
 *                         trust store
 */
public record PeerOptions(
        URI server,
        String peerId,
        Schema schema,
        String cacheId,
        Map<String, RepoEntry> repoState,
        boolean complexPatchset,
        int slots,
        List<String> labels,
        Resources resources,
        String token,
        Path workDir,
        Map<String, String> env,
        Path stateDir,
        Duration progressInterval,
        Backoff backoff,
        Duration reconnectLimit,
        Duration connectTimeout,
        boolean worker,
        Path caCert) {

    public static final int DEFAULT_SLOTS = 1;
    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(2);
    public static final Duration DEFAULT_BACKOFF_MIN = Duration.ofMillis(200);
    public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RECONNECT_LIMIT = Duration.ofMinutes(2);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** What a worker's options carry in place of a schema (it sends none; the journal names it so). */
    public static final Schema WORKER_SCHEMA = new Schema("worker", List.of());

    public PeerOptions {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(progressInterval, "progressInterval");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(reconnectLimit, "reconnectLimit");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (peerId == null || peerId.isBlank()) {
            throw new IllegalArgumentException("the peer id must not be empty");
        }
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1, got " + slots);
        }
        if (progressInterval.isNegative() || progressInterval.isZero()) {
            throw new IllegalArgumentException("progress interval must be positive, got " + progressInterval);
        }
        cacheId = cacheId == null ? "" : cacheId;
        repoState = Map.copyOf(repoState == null ? Map.of() : repoState);
        labels = List.copyOf(labels == null ? List.of() : labels);
        resources = resources == null ? Resources.NONE : resources;
        token = token == null || token.isBlank() ? null : token;
        env = Map.copyOf(env == null ? Map.of() : env);
    }

    /** The options as they were before {@code caCert} (the JDK's trust store). */
    public PeerOptions(URI server, String peerId, Schema schema, String cacheId, Map<String, RepoEntry> repoState,
                       boolean complexPatchset, int slots, List<String> labels, Resources resources, String token,
                       Path workDir, Map<String, String> env, Path stateDir, Duration progressInterval,
                       Backoff backoff, Duration reconnectLimit, Duration connectTimeout, boolean worker) {
        this(server, peerId, schema, cacheId, repoState, complexPatchset, slots, labels, resources, token, workDir,
                env, stateDir, progressInterval, backoff, reconnectLimit, connectTimeout, worker, null);
    }

    /** The options as they were before worker mode (a peer of a shared job). */
    public PeerOptions(URI server, String peerId, Schema schema, String cacheId, Map<String, RepoEntry> repoState,
                       boolean complexPatchset, int slots, List<String> labels, Resources resources, String token,
                       Path workDir, Map<String, String> env, Path stateDir, Duration progressInterval,
                       Backoff backoff, Duration reconnectLimit, Duration connectTimeout) {
        this(server, peerId, schema, cacheId, repoState, complexPatchset, slots, labels, resources, token, workDir,
                env, stateDir, progressInterval, backoff, reconnectLimit, connectTimeout, false);
    }

    /**
     * An HTTP client with the connect timeout and the trust ({@code caCert}) of these options.
     *
     * @throws IllegalArgumentException when {@code caCert} holds no PEM certificate
     */
    public HttpClient newHttpClient() {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(connectTimeout);
        if (caCert != null) {
            b.sslContext(TlsContexts.trusting(caCert));
        }
        return b.build();
    }

    public static Builder builder(URI server, String peerId, Schema schema) {
        return new Builder(server, peerId, schema);
    }

    /** A builder for a long-lived worker (no schema; {@code worker: true} in its hello). */
    public static Builder worker(URI server, String peerId) {
        Builder b = new Builder(server, peerId, WORKER_SCHEMA);
        b.worker = true;
        return b;
    }

    /** A builder starting from these options (e.g. to derive many simulated peers from one). */
    public Builder toBuilder() {
        Builder b = new Builder(server, peerId, schema);
        b.cacheId = cacheId;
        b.repoState = new LinkedHashMap<>(repoState);
        b.complexPatchset = complexPatchset;
        b.slots = slots;
        b.labels = labels;
        b.resources = resources;
        b.token = token;
        b.workDir = workDir;
        b.env = env;
        b.stateDir = stateDir;
        b.progressInterval = progressInterval;
        b.backoff = backoff;
        b.reconnectLimit = reconnectLimit;
        b.connectTimeout = connectTimeout;
        b.worker = worker;
        b.caCert = caCert;
        return b;
    }

    @Override
    public String toString() {
        // Never print the token.
        return "PeerOptions[server=" + server + ", peerId=" + peerId + ", schema=" + schema.name() + " ("
                + schema.tasks().size() + " tasks), cacheId=" + cacheId + ", repoState=" + repoState
                + ", complexPatchset=" + complexPatchset + ", slots=" + slots + ", labels=" + labels
                + ", resources=" + resources + ", token=" + (token == null ? "none" : "***") + ", workDir=" + workDir
                + ", stateDir=" + stateDir + (worker ? ", worker" : "") + "]";
    }

    /** Builds {@link PeerOptions}; unset fields take their defaults. */
    public static final class Builder {
        private URI server;
        private String peerId;
        private Schema schema;
        private String cacheId = "";
        private Map<String, RepoEntry> repoState = new LinkedHashMap<>();
        private boolean complexPatchset;
        private int slots = DEFAULT_SLOTS;
        private List<String> labels = List.of();
        private Resources resources = Resources.NONE;
        private String token;
        private Path workDir = Path.of("").toAbsolutePath();
        private Map<String, String> env = Map.of();
        private Path stateDir;
        private Duration progressInterval = DEFAULT_PROGRESS_INTERVAL;
        private Backoff backoff = new Backoff(DEFAULT_BACKOFF_MIN, DEFAULT_BACKOFF_MAX);
        private Duration reconnectLimit = DEFAULT_RECONNECT_LIMIT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private boolean worker;
        private Path caCert;

        private Builder(URI server, String peerId, Schema schema) {
            this.server = server;
            this.peerId = peerId;
            this.schema = schema;
        }

        public Builder server(URI v) {
            server = v;
            return this;
        }

        public Builder peerId(String v) {
            peerId = v;
            return this;
        }

        public Builder schema(Schema v) {
            schema = v;
            return this;
        }

        public Builder cacheId(String v) {
            cacheId = v;
            return this;
        }

        public Builder repoState(Map<String, RepoEntry> v) {
            repoState = new LinkedHashMap<>(v);
            return this;
        }

        public Builder repo(String name, RepoEntry entry) {
            repoState.put(name, entry);
            return this;
        }

        public Builder complexPatchset(boolean v) {
            complexPatchset = v;
            return this;
        }

        public Builder slots(int v) {
            slots = v;
            return this;
        }

        public Builder labels(List<String> v) {
            labels = v;
            return this;
        }

        public Builder resources(Resources v) {
            resources = v;
            return this;
        }

        public Builder token(String v) {
            token = v;
            return this;
        }

        public Builder workDir(Path v) {
            workDir = v;
            return this;
        }

        public Builder env(Map<String, String> v) {
            env = v;
            return this;
        }

        public Builder stateDir(Path v) {
            stateDir = v;
            return this;
        }

        public Builder progressInterval(Duration v) {
            progressInterval = v;
            return this;
        }

        public Builder backoff(Backoff v) {
            backoff = v;
            return this;
        }

        public Builder reconnectLimit(Duration v) {
            reconnectLimit = v;
            return this;
        }

        /** Trust the CA certificates in this PEM file for {@code wss://}; null for the JDK's defaults. */
        public Builder caCert(Path v) {
            caCert = v;
            return this;
        }

        public Builder connectTimeout(Duration v) {
            connectTimeout = v;
            return this;
        }

        public PeerOptions build() {
            return new PeerOptions(server, peerId, schema, cacheId, repoState, complexPatchset, slots, labels,
                    resources, token, workDir, env, stateDir, progressInterval, backoff, reconnectLimit,
                    connectTimeout, worker, caCert);
        }
    }
}
