package io.taskshard.server.api;

import io.javalin.config.JavalinConfig;
import io.taskshard.auth.TokenRecord;
import io.taskshard.store.TokenStore;
import java.util.Map;

/**
 * {@code GET /api/v1/tokens}: the token list for admins (names, roles, dates; never secrets or
 * hashes). Tokens are created and revoked with {@code taskshard token} on the data directory;
 * the server only reads the table.
 */
public final class TokenRoutes {
    public static final String PATH = OperatorApi.BASE + "/tokens";

    private final TokenStore tokens;

    public TokenRoutes(TokenStore tokens) {
        this.tokens = tokens;
    }

    /** One token as the API shows it. */
    public record TokenJson(long id, String name, String role, long createdAt, boolean revoked, Long revokedAt) {
        static TokenJson of(TokenRecord t) {
            return new TokenJson(t.id(), t.name(), t.role().label(), t.createdAt(), t.revoked(),
                    t.revoked() ? t.revokedAt() : null);
        }
    }

    public void register(JavalinConfig config) {
        config.routes.get(PATH, ctx -> ReadRoutes.json(ctx, 200,
                Map.of("tokens", tokens.list().stream().map(TokenJson::of).toList())));
    }
}
