package io.taskshard.server;

import io.taskshard.auth.Access;
import io.taskshard.auth.Authenticator;
import io.taskshard.auth.Principal;
import io.taskshard.server.api.OperatorApi;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler every request meets, on Jetty's own request (before Javalin, before any
 * HTTP session exists), so that no careless or hostile client can hold what others need
 * (issue 19):
 * <ul>
 * <li>a request that needs a token and has none (or a wrong one) is refused here, 401/403,
 *     before its body is read; a refused WebSocket upgrade never reaches Javalin, so it leaves
 *     no HTTP session behind ({@link Refusals} logs and audits the refusal); an allowed one
 *     carries its {@link Principal} on to Javalin as the request attribute
 *     {@link Principal#ATTRIBUTE} (this is the only auth check: {@code /healthz} needs none);</li>
 * <li>operator API requests take one of {@link HttpLimits#maxApiRequests()} permits, or get
 *     {@code 503 busy} at once: the API can never take the threads peers' frames and
 *     {@code /healthz} run on;</li>
 * <li>an API request body is read without a thread (Jetty calls back as bytes arrive), within
 *     the body timeout, and only the complete body is handed on: a slow body holds a permit and
 *     a buffer, never a thread; one that is late gets {@code 408} and its connection is closed.</li>
 * </ul>
 * {@link HeaderDeadline} is told when each request starts and ends, for its header timeout.
 */
final class RequestGuard extends Handler.Wrapper {
    private static final Logger LOG = LoggerFactory.getLogger(RequestGuard.class);

    private final Authenticator authenticator;
    private final HttpLimits limits;
    private final long maxBodyBytes;
    private final Semaphore apiPermits;
    private final HeaderDeadline headers;
    private final Refusals refusals;
    private final RateLimitedLog abortedLog = new RateLimitedLog(LOG);

    RequestGuard(Authenticator authenticator, HttpLimits limits, long maxBodyBytes, HeaderDeadline headers,
                 Refusals refusals) {
        this.authenticator = authenticator;
        this.limits = limits;
        this.maxBodyBytes = maxBodyBytes;
        this.apiPermits = new Semaphore(limits.maxApiRequests());
        this.headers = headers;
        this.refusals = refusals;
    }

    /** What a request to {@code path} needs; null for the open ones ({@code /healthz}). */
    static Access accessFor(String method, String path) {
        if (isApi(path)) {
            if (path.startsWith(io.taskshard.server.api.TokenRoutes.PATH)) {
                return Access.ADMIN;
            }
            return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS") ? Access.READ
                    : Access.STEER;
        }
        if (path.equals("/metrics")) {
            return Access.READ;
        }
        if (path.equals(PeerEndpoint.PATH)) {
            return Access.PEER;
        }
        return null;
    }

    /** {@code /api/v1} and everything under it, known routes or not. */
    static boolean isApi(String path) {
        return path.equals(OperatorApi.BASE) || path.startsWith(OperatorApi.BASE + "/");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Connection connection = request.getConnectionMetaData().getConnection();
        headers.requestStarted(connection);
        AtomicBoolean finished = new AtomicBoolean();
        Semaphore held = null;
        Runnable finish = () -> {
            if (finished.compareAndSet(false, true)) {
                headers.requestEnded(connection);
            }
        };
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        Access access = accessFor(method, path);
        Authenticator.Verdict verdict = access == null ? null
                : authenticator.check(request.getHeaders().get(HttpHeader.AUTHORIZATION), access);
        if (verdict instanceof Authenticator.Verdict.Allowed(Principal principal)) {
            // The one auth check of a request: the audit (CommandRoutes) and the peer endpoint
            // (per-token job limits) read who it is from here.
            request.setAttribute(Principal.ATTRIBUTE, principal);
        }
        if (verdict instanceof Authenticator.Verdict.Denied(int status, String code, String message)) {
            refusals.refused(method, path, Request.getRemoteAddr(request), status, message);
            if (status == 401) {
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"taskshard\"");
            }
            writeJson(response, wrap(callback, finish), status, status == 401 ? "unauthorized" : "forbidden",
                    path.equals(PeerEndpoint.PATH) ? code + ": " + message : message, false);
            return true;
        }
        boolean upgrade = request.getHeaders().contains(HttpHeader.UPGRADE);
        if (!isApi(path) || upgrade) {
            return handOn(request, response, wrap(callback, finish), finish);
        }
        if (!apiPermits.tryAcquire()) {
            writeJson(response, wrap(callback, finish), 503, "busy", "this coordinator is already handling "
                    + limits.maxApiRequests() + " operator API requests (its max-api-requests limit); retry shortly",
                    false);
            return true;
        }
        Runnable release = () -> {
            if (finished.compareAndSet(false, true)) {
                apiPermits.release();
                headers.requestEnded(connection);
            }
        };
        Callback done = wrap(callback, release);
        long length = request.getLength();
        boolean chunked = request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        if (length > maxBodyBytes) {
            writeJson(response, done, 413, "too-large", "the request body is larger than this server's"
                    + " max-body-bytes limit (" + maxBodyBytes + " bytes)", true);
            return true;
        }
        if (length == 0 || (length < 0 && !chunked)) {
            return handOn(request, response, done, release);
        }
        readBodyThenHandOn(request, response, done, release);
        return true;
    }

    private boolean handOn(Request request, Response response, Callback callback, Runnable finish) throws Exception {
        try {
            boolean handled = super.handle(request, response, callback);
            if (!handled) {
                finish.run();
            }
            return handled;
        } catch (Exception | Error e) {
            finish.run();
            throw e;
        }
    }

    private void readBodyThenHandOn(Request request, Response response, Callback callback, Runnable finish) {
        CompletableFuture<byte[]> body = Content.Source.asByteArrayAsync(request,
                (int) Math.min(maxBodyBytes, Integer.MAX_VALUE - 16));
        Scheduler.Task timer = request.getComponents().getScheduler().schedule(
                () -> body.completeExceptionally(new TimeoutException("body timeout")),
                limits.bodyTimeoutMs(), TimeUnit.MILLISECONDS);
        String what = request.getMethod() + " " + Request.getPathInContext(request) + " from "
                + Request.getRemoteAddr(request);
        body.whenComplete((bytes, failure) -> {
            timer.cancel();
            if (failure == null) {
                // Off the thread that delivered the last bytes (it may be Jetty's selector).
                getServer().getThreadPool().execute(() -> {
                    try {
                        handOn(new BufferedRequest(request, bytes), response, callback, finish);
                    } catch (Throwable e) {
                        callback.failed(e);
                    }
                });
                return;
            }
            Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof TimeoutException) {
                abortedLog.info("aborted {}: its body did not arrive within the body timeout of {} ms; answered 408",
                        what, limits.bodyTimeoutMs());
                writeJson(response, callback, 408, "request-timeout", "the request body did not arrive within "
                        + limits.bodyTimeoutMs() + " ms (this server's body-timeout)", true);
            } else if (cause instanceof IllegalArgumentException) {
                writeJson(response, callback, 413, "too-large", "the request body is larger than this server's"
                        + " max-body-bytes limit (" + maxBodyBytes + " bytes)", true);
            } else {
                abortedLog.info("aborted {}: the client went away while sending its body ({})", what, cause.toString());
                callback.failed(cause);
            }
        });
    }

    private static Callback wrap(Callback callback, Runnable finish) {
        return new Callback() {
            @Override
            public void succeeded() {
                finish.run();
                callback.succeeded();
            }

            @Override
            public void failed(Throwable x) {
                finish.run();
                callback.failed(x);
            }

            @Override
            public InvocationType getInvocationType() {
                return callback.getInvocationType();
            }
        };
    }

    /** The API's error shape, {@code {error, message}}; {@code close} ends the connection after it. */
    static void writeJson(Response response, Callback callback, int status, String code, String message,
                          boolean close) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        if (close) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        String json = "{\"error\":\"" + code + "\",\"message\":\"" + JsonErrorHandler.escape(message) + "\"}";
        response.write(true, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), callback);
    }

    /** The request with its body already read: Javalin reads it from memory, on its own thread. */
    private static final class BufferedRequest extends Request.Wrapper {
        private final long length;
        private final AtomicReference<Content.Chunk> next;

        BufferedRequest(Request request, byte[] body) {
            super(request);
            this.length = body.length;
            this.next = new AtomicReference<>(Content.Chunk.from(ByteBuffer.wrap(body), true));
        }

        @Override
        public Content.Chunk read() {
            return next.getAndSet(Content.Chunk.EOF);
        }

        @Override
        public void demand(Runnable demandCallback) {
            demandCallback.run(); // the whole body is here: it is always readable
        }

        @Override
        public long getLength() {
            return length;
        }

        @Override
        public void fail(Throwable failure) {
            // nothing is pending: the body was read in full
        }
    }
}
