package io.taskshard.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a request's {@code Authorization} header may have the access it asks for.
 * Runs on the server's network threads, before anything reaches the coordinator.
 *
 * <p>Tokens are looked up by the hash of the presented secret, and the answer (found, revoked
 * or unknown) is cached for {@link #DEFAULT_CACHE_TTL}: a token created or revoked with
 * {@code taskshard token} while the server runs takes effect within that time, without a
 * restart. Whether auth is on at all ({@link AuthMode#AUTO}: "is there a live token?") is
 * cached the same way.
 *
 * <p>The legacy shared peer secret ({@code --peer-token}) keeps working: it authenticates as
 * role {@code peer} under the name {@value #LEGACY_PEER_NAME}, and while auth is off it still
 * guards {@code /v1/peer} as it always did.
 */
public final class Authenticator {
    /** How long a lookup (or the "is auth on" answer) is trusted before the store is asked again. */
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(3);
    /** Bounds the cache: random guesses must not grow it without end. */
    static final int DEFAULT_MAX_CACHED = 10_000;
    public static final String LEGACY_PEER_NAME = "peer-token";
    private static final String BEARER = "Bearer ";
    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);

    private final TokenLookup lookup;
    private final AuthMode mode;
    private final String legacyPeerToken;
    private final Clock clock;
    private final long ttlMs;
    private final Map<String, Cached> byHash = new ConcurrentHashMap<>();
    private volatile Cached liveCount;

    /** The answer for one request. */
    public sealed interface Verdict {
        /** Let it through; {@code principal} names who it is. */
        record Allowed(Principal principal) implements Verdict {
        }

        /** Refuse it with {@code status} (401: who are you? 403: not allowed) and a message in words. */
        record Denied(int status, String code, String message) implements Verdict {
        }
    }

    private record Cached(Optional<TokenRecord> token, int count, long expiresAt) {
    }

    /**
     * @param legacyPeerToken the shared peer secret of {@code --peer-token}; null for none
     */
    public Authenticator(TokenLookup lookup, AuthMode mode, String legacyPeerToken, Clock clock, Duration cacheTtl) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.legacyPeerToken = legacyPeerToken;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttlMs = cacheTtl.toMillis();
    }

    public AuthMode mode() {
        return mode;
    }

    /** Whether requests need a token right now. */
    public boolean enabled() {
        return switch (mode) {
            case OFF -> false;
            case REQUIRED -> true;
            case AUTO -> liveTokens() > 0;
        };
    }

    /** Live tokens in the store, cached for the TTL. */
    public int liveTokens() {
        long now = clock.millis();
        Cached c = liveCount;
        if (c == null || now >= c.expiresAt()) {
            c = new Cached(Optional.empty(), lookup.liveTokens(), now + ttlMs);
            liveCount = c;
        }
        return c.count();
    }

    /** Decides on a request carrying {@code authorization} (the header, or null) that wants {@code access}. */
    public Verdict check(String authorization, Access access) {
        String secret = bearer(authorization);
        if (secret != null && legacyPeerToken != null && TokenSecrets.sameSecret(secret, legacyPeerToken)) {
            return allow(new Principal(LEGACY_PEER_NAME, Role.PEER), access);
        }
        if (!enabled()) {
            if (access == Access.PEER && legacyPeerToken != null) {
                return new Verdict.Denied(401, "unauthorized", secret == null
                        ? "send 'Authorization: Bearer <token>' with the peer token"
                        : "wrong peer token");
            }
            return new Verdict.Allowed(Principal.ANONYMOUS);
        }
        if (secret == null) {
            return new Verdict.Denied(401, "unauthorized", "this coordinator needs a token: send 'Authorization: "
                    + "Bearer <token>' (--token or TASKSHARD_TOKEN); an admin creates one with "
                    + "'taskshard token create --role ROLE --name NAME --data DIR'");
        }
        Optional<TokenRecord> token = find(TokenSecrets.hash(secret));
        if (token.isEmpty()) {
            return new Verdict.Denied(401, "unauthorized", "unknown token; check --token / TASKSHARD_TOKEN");
        }
        TokenRecord t = token.get();
        if (t.revoked()) {
            return new Verdict.Denied(401, "unauthorized", "token '" + t.name() + "' was revoked; ask an admin "
                    + "for a new one");
        }
        return allow(new Principal(t.name(), t.role()), access);
    }

    private static Verdict allow(Principal p, Access access) {
        if (p.role().allows(access)) {
            return new Verdict.Allowed(p);
        }
        return new Verdict.Denied(403, "forbidden", "token '" + p.name() + "' has role " + p.role().label()
                + ", which may not " + access.description());
    }

    private Optional<TokenRecord> find(String hash) {
        long now = clock.millis();
        Cached c = byHash.get(hash);
        if (c == null || now >= c.expiresAt()) {
            if (byHash.size() >= DEFAULT_MAX_CACHED) {
                LOG.info("token cache full ({} entries, mostly unknown tokens?); clearing it", byHash.size());
                byHash.clear();
            }
            c = new Cached(lookup.findByHash(hash), 0, now + ttlMs);
            byHash.put(hash, c);
        }
        return c.token();
    }

    /** The secret of {@code Bearer <secret>}; null when the header is missing or another scheme. */
    static String bearer(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String s = authorization.substring(BEARER.length()).strip();
        return s.isEmpty() ? null : s;
    }
}
