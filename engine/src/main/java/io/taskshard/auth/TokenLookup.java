package io.taskshard.auth;

import java.util.Optional;

/** Where the {@link Authenticator} finds tokens (the store's tokens table). */
public interface TokenLookup {
    /** The token with this secret hash, live or revoked; empty when there is none. */
    Optional<TokenRecord> findByHash(String hash);

    /** How many tokens are not revoked. */
    int liveTokens();
}
