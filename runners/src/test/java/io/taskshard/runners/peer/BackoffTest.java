package io.taskshard.runners.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10));

    @Test
    void capsDoubleFromTheMinimumUpToTheMaximum() {
        assertThat(backoff.capMillis(0)).isEqualTo(200);
        assertThat(backoff.capMillis(1)).isEqualTo(400);
        assertThat(backoff.capMillis(5)).isEqualTo(6_400);
        assertThat(backoff.capMillis(6)).isEqualTo(10_000);
        assertThat(backoff.capMillis(1_000)).isEqualTo(10_000);
    }

    @Test
    void fullJitterSpansZeroToTheCap() {
        assertThat(backoff.delayMillis(3, 0.0)).isEqualTo(1);
        assertThat(backoff.delayMillis(3, 0.5)).isEqualTo(800);
        assertThat(backoff.delayMillis(3, 0.999_999_9)).isEqualTo(1_600);
    }

    @Test
    void everyDelayIsBetweenOneMillisecondAndTheCap() {
        java.util.Random random = new java.util.Random(42);
        for (int attempt = 0; attempt <= 100; attempt++) {
            for (int i = 0; i < 50; i++) {
                assertThat(backoff.delayMillis(attempt, random.nextDouble())).isBetween(1L, backoff.capMillis(attempt));
            }
        }
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1))).hasMessageContaining("positive");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1))).hasMessageContaining("below");
        assertThatThrownBy(() -> backoff.delayMillis(0, 1.0)).hasMessageContaining("[0, 1)");
    }
}
