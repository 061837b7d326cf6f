package io.taskshard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.store.TokenStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verdicts, on a real token table, with a clock the test moves (the cache's expiry). */
class AuthenticatorTest {
    @TempDir
    Path dir;
    private TokenStore store;
    private final AtomicLong now = new AtomicLong(1_000);
    private final Clock clock = new Clock() {
        @Override
        public long millis() {
            return now.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    };

    @BeforeEach
    void open() {
        store = TokenStore.open(dir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Authenticator auth(AuthMode mode, String legacy) {
        return new Authenticator(store, mode, legacy, clock, Duration.ofSeconds(3));
    }

    @Test
    void rolesAreNestedAndPeerStandsApart() {
        assertThat(Role.ADMIN.allows(Access.ADMIN)).isTrue();
        assertThat(Role.ADMIN.allows(Access.STEER)).isTrue();
        assertThat(Role.OPERATOR.allows(Access.STEER)).isTrue();
        assertThat(Role.OPERATOR.allows(Access.ADMIN)).isFalse();
        assertThat(Role.VIEWER.allows(Access.READ)).isTrue();
        assertThat(Role.VIEWER.allows(Access.STEER)).isFalse();
        assertThat(Role.PEER.allows(Access.PEER)).isTrue();
        assertThat(Role.PEER.allows(Access.READ)).isFalse();
        assertThat(Role.ADMIN.allows(Access.PEER)).isFalse();
    }

    @Test
    void autoModeTurnsOnWhenTheFirstTokenAppearsOnceTheCacheExpires() {
        Authenticator a = auth(AuthMode.AUTO, null);
        assertThat(a.check(null, Access.STEER)).isEqualTo(new Authenticator.Verdict.Allowed(Principal.ANONYMOUS));
        String secret = store.create("me", Role.ADMIN, 1).secret();
        assertThat(a.enabled()).as("cached for 3 s").isFalse();
        now.addAndGet(3_000);
        assertThat(a.enabled()).isTrue();
        assertThat(a.check(null, Access.READ)).isInstanceOf(Authenticator.Verdict.Denied.class);
        assertThat(a.check("Bearer " + secret, Access.ADMIN))
                .isEqualTo(new Authenticator.Verdict.Allowed(new Principal("me", Role.ADMIN)));
        assertThat(a.check("bearer " + secret, Access.ADMIN)).as("scheme is case-insensitive")
                .isInstanceOf(Authenticator.Verdict.Allowed.class);
    }

    @Test
    void revocationIsSeenAfterTheCacheExpires() {
        String secret = store.create("ops", Role.OPERATOR, 1).secret();
        Authenticator a = auth(AuthMode.REQUIRED, null);
        assertThat(a.check("Bearer " + secret, Access.STEER)).isInstanceOf(Authenticator.Verdict.Allowed.class);
        store.revoke("ops", 2);
        now.addAndGet(3_000);
        assertThat(a.check("Bearer " + secret, Access.STEER)).isEqualTo(
                new Authenticator.Verdict.Denied(401, "unauthorized", "token 'ops' was revoked; ask an admin for a new one"));
    }

    @Test
    void theLegacyPeerTokenIsAPeerAndGuardsThePeerEndpointEvenWithAuthOff() {
        Authenticator a = auth(AuthMode.AUTO, "shared-secret");
        assertThat(a.check("Bearer shared-secret", Access.PEER))
                .isEqualTo(new Authenticator.Verdict.Allowed(new Principal("peer-token", Role.PEER)));
        assertThat(a.check(null, Access.PEER)).isInstanceOf(Authenticator.Verdict.Denied.class);
        assertThat(a.check("Bearer wrong", Access.PEER)).isInstanceOf(Authenticator.Verdict.Denied.class);
        assertThat(a.check(null, Access.READ)).as("no API tokens: the API is open (loopback)")
                .isInstanceOf(Authenticator.Verdict.Allowed.class);
        assertThat(a.check("Bearer shared-secret", Access.READ)).isEqualTo(new Authenticator.Verdict.Denied(403,
                "forbidden", "token 'peer-token' has role peer, which may not read the operator API"));
    }

    @Test
    void offModeLetsEveryoneInEvenWithTokens() {
        store.create("me", Role.ADMIN, 1);
        assertThat(auth(AuthMode.OFF, null).check(null, Access.ADMIN))
                .isEqualTo(new Authenticator.Verdict.Allowed(Principal.ANONYMOUS));
    }

    @Test
    void secretsAreRandomAndOnlyTheirHashIsStored() {
        String a = TokenSecrets.generate();
        assertThat(a).startsWith("tsk_").hasSize(47).isNotEqualTo(TokenSecrets.generate());
        assertThat(TokenSecrets.hash(a)).hasSize(64).isNotEqualTo(a);
        TokenStore.Created created = store.create("x", Role.VIEWER, 5);
        assertThat(created.token().hash()).isEqualTo(TokenSecrets.hash(created.secret()));
        assertThat(store.list()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("x");
            assertThat(t.createdAt()).isEqualTo(5);
            assertThat(t.revoked()).isFalse();
        });
        assertThat(created.toString()).doesNotContain(created.secret());
    }
}
