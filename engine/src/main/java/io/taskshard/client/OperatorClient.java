package io.taskshard.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskshard.analysis.Comparison;
import io.taskshard.model.AuditRecord;
import io.taskshard.model.JobRecord;
import io.taskshard.model.JobState;
import io.taskshard.model.PeerRecord;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.StreamSupport;

/**
 * The operator REST API (docs/operator-api.md) as typed Java calls, on the JDK HTTP client.
 * Answers come back as model records ({@link JobRecord}, {@link PeerRecord}, ...) or the small
 * records of this package; the package documentation says how the JSON maps onto them.
 *
 * <p>Every call blocks until the answer arrives or {@link ClientOptions#requestTimeout()}
 * passes: call it off the UI thread. Thread-safe; one instance per coordinator is enough.
 *
 * <p>Failures are unchecked: {@link ApiException} when the server refused (status, error code
 * and its message verbatim), {@link ConnectionException} when it could not be reached or did
 * not answer in time, a plain {@link ClientException} when its answer could not be read.
 */
public final class OperatorClient implements AutoCloseable {
    /** How long one request may wait for its answer by default. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = ClientOptions.DEFAULT_REQUEST_TIMEOUT;
    /** The longest piece of a non-JSON error body quoted in an {@link ApiException}. */
    static final int DEFAULT_QUOTED_BODY_CHARS = 300;
    /** Body field of retry and reassign: the operator confirmed restarting a running task. */
    static final String CONFIRM_RUNNING = "confirmRunning";

    private final ServerAddress address;
    private final ClientOptions options;
    private final HttpClient http;

    public OperatorClient(ServerAddress address) {
        this(address, ClientOptions.defaults());
    }

    public OperatorClient(ServerAddress address, ClientOptions options) {
        this.address = Objects.requireNonNull(address, "address");
        this.options = Objects.requireNonNull(options, "options");
        this.http = options.newHttpClient();
    }

    /** Shares an HTTP client (the event stream's); closing this client then closes that one too. */
    OperatorClient(ServerAddress address, ClientOptions options, HttpClient http) {
        this.address = Objects.requireNonNull(address, "address");
        this.options = Objects.requireNonNull(options, "options");
        this.http = Objects.requireNonNull(http, "http");
    }

    public ServerAddress address() {
        return address;
    }

    // ------------------------------------------------------------------------------- reads

    /** Every peer the coordinator knows, by id. */
    public List<PeerRecord> peers() {
        return list(get("/peers"), "peers", Wire::peer);
    }

    /** @throws ApiException 404 {@code not-found} when the coordinator does not know it */
    public PeerRecord peer(String id) {
        return Wire.peer(get("/peers/" + segment(id)).path("peer"));
    }

    /** The most recent jobs (the server's default limit, 50), newest first. */
    public List<JobRecord> jobs() {
        return list(get("/jobs"), "jobs", Wire::job);
    }

    /**
     * Jobs, newest first.
     *
     * @param state only jobs in this state; null = any
     * @param limit at most this many (1 to 1000)
     */
    public List<JobRecord> jobs(JobState state, int limit) {
        String query = "?limit=" + limit + (state == null ? "" : "&state=" + state.wire());
        return list(get("/jobs" + query), "jobs", Wire::job);
    }

    /** The job with its tasks and every attempt. */
    public JobDetail job(long id) {
        return Wire.jobDetail(get("/jobs/" + id));
    }

    /** The job run three ways beside its lower bound; a running job as of now. */
    public Comparison comparison(long jobId) {
        return Wire.convert(get("/jobs/" + jobId + "/comparison"), Comparison.class, "comparison");
    }

    /** The job's attempts as Chrome trace event JSON, as sent (for a file or chrome://tracing). */
    public String trace(long jobId) {
        return send(request(apiUri("/jobs/" + jobId + "/trace")).GET()).body();
    }

    /** One task with every attempt. */
    public TaskDetail task(TaskRef task) {
        return Wire.taskDetail(get(task.path("")).path("task"));
    }

    /** The last operator actions (server default: 100), newest first, accepted or refused. */
    public List<AuditRecord> audit() {
        return list(get("/audit"), "audit", Wire::audit);
    }

    /** The last {@code limit} operator actions (1 to 1000), newest first. */
    public List<AuditRecord> audit(int limit) {
        return list(get("/audit?limit=" + limit), "audit", Wire::audit);
    }

    /**
     * {@code GET /healthz}.
     *
     * @throws ApiException 503 {@code unavailable} when the coordinator stopped (message says why)
     */
    public Health health() {
        return Wire.convert(json(send(request(address.healthUri()).GET())), Health.class, "health");
    }

    // ---------------------------------------------------------------------------- commands

    /**
     * Only {@code peer} may then take the task.
     *
     * @param confirmRunning true only when the operator's confirmation showed the task running
     *                       (its running attempt is then cancelled and the task re-queued for
     *                       {@code peer}); false: a running task is refused with 409 {@code conflict}
     */
    public TaskDetail reassign(TaskRef task, String peer, boolean confirmRunning) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("peer", peer);
        if (confirmRunning) {
            body.put(CONFIRM_RUNNING, true);
        }
        return Wire.taskDetail(answer(post(task.path("/reassign"), body), "task"));
    }

    /** {@link #reassign(TaskRef, String, boolean)} of the task with this uid. */
    public TaskDetail reassign(long uid, String peer, boolean confirmRunning) {
        return reassign(TaskRef.uid(uid), peer, confirmRunning);
    }

    /**
     * Runs the task again (a cancelled task of a running job, or a running one: see
     * {@link TaskActions} for what the coordinator accepts).
     *
     * @param confirmRunning true only when the operator's confirmation showed the task running
     *                       (its attempt is then cancelled and it starts afresh); false: a running
     *                       task is refused with 409 {@code conflict}
     */
    public TaskDetail retry(TaskRef task, boolean confirmRunning) {
        Map<String, Object> body = confirmRunning ? Map.of(CONFIRM_RUNNING, true) : Map.of();
        return Wire.taskDetail(answer(post(task.path("/retry"), body), "task"));
    }

    /** {@link #retry(TaskRef, boolean)} of the task with this uid. */
    public TaskDetail retry(long uid, boolean confirmRunning) {
        return retry(TaskRef.uid(uid), confirmRunning);
    }

    /** Ends a waiting or running task as cancelled. */
    public TaskDetail cancelTask(TaskRef task) {
        return Wire.taskDetail(answer(post(task.path("/cancel"), Map.of()), "task"));
    }

    /** Changes the task's place in the ready order (higher first). */
    public TaskDetail setPriority(TaskRef task, int priority) {
        return Wire.taskDetail(answer(post(task.path("/priority"), Map.of("priority", priority)), "task"));
    }

    /** Cancels every unfinished task; the job ends cancelled. Returns the job after the command. */
    public JobRecord cancelJob(long jobId) {
        return Wire.job(answer(post("/jobs/" + jobId + "/cancel", Map.of()), "job"));
    }

    /** The peer finishes what it runs and gets nothing new. */
    public PeerRecord drain(String peer) {
        return Wire.peer(answer(post("/peers/" + segment(peer) + "/drain", Map.of()), "peer"));
    }

    /** Undoes {@link #drain}. */
    public PeerRecord undrain(String peer) {
        return Wire.peer(answer(post("/peers/" + segment(peer) + "/undrain", Map.of()), "peer"));
    }

    /**
     * Submits a job for workers.
     *
     * @throws ApiException 400 {@code bad-request} for an invalid schema, with every problem in
     *                      {@link ApiException#problems()}
     */
    public JobRecord submit(Submission submission) {
        JsonNode answer = post("/jobs", submission.toJson());
        if (answer.has("job")) {
            return Wire.job(answer.get("job"));
        }
        if (answer.path("jobId").canConvertToLong()) {
            // The server answers with only the id when the job already left its memory.
            return job(answer.path("jobId").asLong()).job();
        }
        throw new ClientException("the coordinator accepted the submission but named no job: " + answer);
    }

    /**
     * Why each waiting task of a submitted job is on hold (no connected worker fits it, or it
     * waits out a retry backoff), by task id; empty when none is.
     */
    public Map<String, String> holdReasons(long jobId) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode t : get("/jobs/" + jobId).path("tasks")) {
            if (t.path("holdReason").isTextual()) {
                out.put(t.path("id").asText(), t.path("holdReason").asText());
            }
        }
        return out;
    }

    // --------------------------------------------------------------------------- schedules

    /** Every live schedule, by id. */
    public List<ScheduleInfo> schedules() {
        return list(get("/schedules"), "schedules", n -> Wire.convert(n, ScheduleInfo.class, "schedule"));
    }

    /** @throws ApiException 400 for a bad calendar, zone or schema; 409 when the name is taken */
    public ScheduleInfo addSchedule(ScheduleRequest request) {
        return Wire.convert(answer(post("/schedules", request.toJson()), "schedule"), ScheduleInfo.class, "schedule");
    }

    /** Removes a schedule; jobs it made are not touched. @throws ApiException 404 when unknown */
    public ScheduleInfo removeSchedule(long id) {
        return Wire.convert(answer(json(send(request(apiUri("/schedules/" + id)).DELETE())), "schedule"),
                ScheduleInfo.class, "schedule");
    }

    @Override
    public void close() {
        http.close();
    }

    // ----------------------------------------------------------------------------- plumbing

    private JsonNode get(String apiPath) {
        return json(send(request(apiUri(apiPath)).GET()));
    }

    private JsonNode post(String apiPath, Map<String, ?> body) {
        HttpRequest.Builder request = request(apiUri(apiPath)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Wire.write(new LinkedHashMap<>(body))));
        return json(send(request));
    }

    /** A command's {@code {"ok": true, field: {...}}} answer: the entity after the command. */
    private static JsonNode answer(JsonNode answer, String field) {
        if (!answer.has(field)) {
            throw new ClientException("the coordinator carried out the command but sent no " + field + ": " + answer);
        }
        return answer.get(field);
    }

    private URI apiUri(String apiPath) {
        return URI.create(address.apiBase() + apiPath);
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(options.requestTimeout())
                .header("Accept", "application/json");
        if (options.token() != null) {
            b.header("Authorization", "Bearer " + options.token());
        }
        return b;
    }

    /** Sends; a non-2xx answer becomes an {@link ApiException}, no answer a {@link ConnectionException}. */
    private HttpResponse<String> send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw new ConnectionException(request.uri(), "no connection within " + options.connectTimeout(), e);
        } catch (HttpTimeoutException e) {
            throw new ConnectionException(request.uri(), "no answer within " + options.requestTimeout()
                    + ("POST".equals(request.method()) ? " (the command may still take effect)" : ""), e);
        } catch (IOException e) {
            throw new ConnectionException(request.uri(), ConnectionException.describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException(request.uri(), "interrupted while waiting for the answer", e);
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw refusal(request, response);
        }
        return response;
    }

    private static JsonNode json(HttpResponse<String> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/json")) {
            throw new ClientException(response.request().method() + " " + response.request().uri()
                    + ": expected a JSON answer, got '" + type + "': " + quote(response.body()));
        }
        return Wire.parse(response.body(), "the answer to " + response.request().method() + " "
                + response.request().uri());
    }

    private static ApiException refusal(HttpRequest request, HttpResponse<String> response) {
        String what = request.method() + " " + request.uri();
        int status = response.statusCode();
        JsonNode body = null;
        if (response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            try {
                body = Wire.parse(response.body(), "error body");
            } catch (ClientException e) {
                body = null; // quoted as text below
            }
        }
        if (body == null || !body.path("error").isTextual()) {
            return new ApiException(what, status, "http-" + status, quote(response.body()), Map.of());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        body.properties().forEach(e -> {
            if (!e.getKey().equals("error") && !e.getKey().equals("message")) {
                details.put(e.getKey(), Wire.MAPPER.convertValue(e.getValue(), Object.class));
            }
        });
        return new ApiException(what, status, body.path("error").asText(), body.path("message").asText(""), details);
    }

    private static <T> List<T> list(JsonNode answer, String field, Function<JsonNode, T> read) {
        JsonNode array = answer.path(field);
        if (!array.isArray()) {
            throw new ClientException("the coordinator's answer has no '" + field + "' list: " + quote(answer.toString()));
        }
        return StreamSupport.stream(array.spliterator(), false).map(read).toList();
    }

    /**
     * A path segment: {@code //app:test} becomes {@code %2F%2Fapp%3Atest}. (URLEncoder is for
     * forms: its '+' for a space would stay a '+' in a path, so spaces become %20.)
     */
    static String segment(String raw) {
        return URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String quote(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        String s = body.strip();
        return s.length() <= DEFAULT_QUOTED_BODY_CHARS ? s : s.substring(0, DEFAULT_QUOTED_BODY_CHARS) + "...";
    }
}
