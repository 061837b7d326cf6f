package io.taskshard.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.auth.AuthMode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The secure defaults, decided from mode, address and token count. */
class StartupSecurityTest {
    private static final Path DATA = Path.of("/var/lib/taskshard");

    @Test
    void loopbackWithoutTokensStartsWithAWarning() {
        assertThat(StartupSecurity.decide(AuthMode.AUTO, true, 0, "127.0.0.1", DATA))
                .isInstanceOfSatisfying(StartupSecurity.Outcome.Warn.class, w ->
                        assertThat(w.message()).contains("auth is off", "token create"));
    }

    @Test
    void anyOtherAddressWithoutTokensIsRefusedSayingHowToCreateOne() {
        assertThat(StartupSecurity.decide(AuthMode.AUTO, false, 0, "0.0.0.0", DATA))
                .isInstanceOfSatisfying(StartupSecurity.Outcome.Refuse.class, r -> assertThat(r.message())
                        .contains("0.0.0.0", "taskshard token create --role admin --name me --data /var/lib/taskshard",
                                "--auth off"));
    }

    @Test
    void tokensOrAnExplicitModeDecide() {
        assertThat(StartupSecurity.decide(AuthMode.AUTO, false, 1, "0.0.0.0", DATA))
                .isInstanceOf(StartupSecurity.Outcome.Start.class);
        assertThat(StartupSecurity.decide(AuthMode.OFF, false, 0, "0.0.0.0", DATA))
                .isInstanceOf(StartupSecurity.Outcome.Warn.class);
        assertThat(StartupSecurity.decide(AuthMode.REQUIRED, false, 0, "0.0.0.0", DATA))
                .isInstanceOfSatisfying(StartupSecurity.Outcome.Warn.class, w ->
                        assertThat(w.message()).contains("every request is refused"));
    }
}
