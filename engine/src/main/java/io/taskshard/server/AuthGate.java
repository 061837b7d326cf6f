package io.taskshard.server;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.taskshard.auth.Access;
import io.taskshard.auth.Authenticator;
import io.taskshard.auth.Principal;
import io.javalin.http.HttpResponseException;
import io.taskshard.server.api.OperatorApi;
import io.taskshard.server.api.TokenRoutes;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The auth check in front of the operator API, the event stream and {@code /metrics}. It runs
 * on Jetty's threads before any handler, so nothing unauthenticated reaches the coordinator;
 * the principal it finds is left on the request ({@link Principal#ATTRIBUTE}) for the audit.
 * {@link RequestGuard} has already refused (and audited) requests without a valid token, with
 * the same rules ({@link RequestGuard#accessFor}); this check is the second line.
 * {@code /healthz} stays open (load balancers and systemd probe it). The peer WebSocket checks
 * the same {@link Authenticator} in its own upgrade handler ({@link PeerEndpoint}).
 *
 * <p>Reads ({@code GET}, {@code HEAD}) need {@link Access#READ}; everything else needs
 * {@link Access#STEER}; the token list ({@link TokenRoutes}) needs {@link Access#ADMIN}.
 */
final class AuthGate {
    private static final Logger LOG = LoggerFactory.getLogger(AuthGate.class);

    private final Authenticator authenticator;

    AuthGate(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** Adds the checks; register before the routes. */
    void register(JavalinConfig config) {
        config.routes.before(OperatorApi.BASE + "/*", this::checkHttp);
        config.routes.before("/metrics", ctx -> check(ctx, Access.READ));
        config.routes.wsBeforeUpgrade(OperatorApi.BASE + "/events", ctx -> check(ctx, Access.READ));
    }

    private void checkHttp(Context ctx) {
        check(ctx, RequestGuard.accessFor(ctx.method().name(), ctx.path()));
    }

    private void check(Context ctx, Access access) {
        switch (authenticator.check(ctx.header("Authorization"), access)) {
            case Authenticator.Verdict.Allowed(Principal p) -> ctx.attribute(Principal.ATTRIBUTE, p);
            case Authenticator.Verdict.Denied(int status, String code, String message) -> {
                LOG.info("refused {} {} from {}: {} {}", ctx.method(), ctx.path(), ctx.ip(), status, message);
                if (status == 401) {
                    ctx.header("WWW-Authenticate", "Bearer realm=\"taskshard\"");
                }
                throw new HttpResponseException(status, message, Map.of()); // the API's mapper answers {error: code}
            }
        }
    }
}
