package io.taskshard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskshard.store.StoreOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The per-connection frame budget and how the limits are read from server.yaml. */
class TokenBucketTest {
    static final long SECOND = 1_000_000_000L;

    @Test
    void theBurstPassesThenOnlyTheRate() {
        TokenBucket bucket = new TokenBucket(10, 3, 0);
        assertThat(bucket.tryTake(0)).isTrue();
        assertThat(bucket.tryTake(0)).isTrue();
        assertThat(bucket.tryTake(0)).isTrue();
        assertThat(bucket.tryTake(0)).as("burst used up").isFalse();
        assertThat(bucket.tryTake(SECOND / 10)).as("one token refills in 1/rate s").isTrue();
        assertThat(bucket.tryTake(SECOND / 10)).isFalse();
        assertThat(bucket.tryTake(100 * SECOND)).as("a long pause refills only up to the burst").isTrue();
        assertThat(bucket.tryTake(100 * SECOND)).isTrue();
        assertThat(bucket.tryTake(100 * SECOND)).isTrue();
        assertThat(bucket.tryTake(100 * SECOND)).isFalse();
    }

    @Test
    void aClockGoingBackwardsGrantsNothingExtra() {
        TokenBucket bucket = new TokenBucket(1, 1, 5 * SECOND);
        assertThat(bucket.tryTake(5 * SECOND)).isTrue();
        assertThat(bucket.tryTake(0)).isFalse();
        assertThat(bucket.tryTake(5 * SECOND + SECOND / 2)).isFalse();
        assertThat(bucket.tryTake(6 * SECOND)).isTrue();
    }

    @Test
    void ratesAreReadPerSecondOrPerMinute() {
        assertThat(ServerLimits.parseRate("500/s")).isEqualTo(500);
        assertThat(ServerLimits.parseRate("500")).isEqualTo(500);
        assertThat(ServerLimits.parseRate("30000/min")).isEqualTo(500);
        assertThatThrownBy(() -> ServerLimits.parseRate("fast")).hasMessageContaining("500/s");
        assertThatThrownBy(() -> ServerLimits.parseRate("0/s")).hasMessageContaining("at least 1");
    }

    @Test
    void limitsAndSyncComeFromTheConfigFile() {
        ServerConfig c = ServerConfigFile.parse("""
                max-peers: 50
                max-tasks: 1000
                peer-rate: 100/s
                peer-burst: 400
                max-body-bytes: 1048576
                synchronous: full
                """, "server.yaml", ServerConfig.defaults(Path.of("d")));
        assertThat(c.limits()).isEqualTo(new ServerLimits(50, 1000, 100, 400, 1_048_576));
        assertThat(c.synchronous()).isEqualTo(StoreOptions.Synchronous.FULL);
        assertThat(c.storeOptions().synchronous()).isEqualTo(StoreOptions.Synchronous.FULL);
        assertThat(ServerConfig.defaults(Path.of("d")).limits()).isEqualTo(ServerLimits.DEFAULTS);
        assertThatThrownBy(() -> ServerConfigFile.parse("synchronous: off", "s.yaml", ServerConfig.defaults(Path.of("d"))))
                .hasMessageContaining("s.yaml").hasMessageContaining("'synchronous'").hasMessageContaining("normal or full");
        assertThatThrownBy(() -> ServerConfigFile.parse("max-peers: 0", "s.yaml", ServerConfig.defaults(Path.of("d"))))
                .hasMessageContaining("'max-peers'");
    }
}
