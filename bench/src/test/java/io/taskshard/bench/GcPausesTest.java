package io.taskshard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GcPausesTest {
    @Test
    void pausesAreToldFromConcurrentCycles() {
        assertThat(GcPauses.isPause("G1 Young Generation")).isTrue();
        assertThat(GcPauses.isPause("G1 Old Generation")).isTrue();
        assertThat(GcPauses.isPause("ZGC Minor Pauses")).isTrue();
        assertThat(GcPauses.isPause("ZGC Major Pauses")).isTrue();
        assertThat(GcPauses.isPause("PS Scavenge")).isTrue();
        assertThat(GcPauses.isPause("G1 Concurrent GC")).isFalse();
        assertThat(GcPauses.isPause("ZGC Minor Cycles")).isFalse();
        assertThat(GcPauses.isPause("ZGC Major Cycles")).isFalse();
    }

    @Test
    void aForcedCollectionShowsAsAPauseOfTheWindow() {
        long mark = GcPauses.mark();
        System.gc(); // a full, stop-the-world collection with every collector the build runs on
        org.awaitility.Awaitility.await().until(() -> GcPauses.since(mark).count() > 0);
        GcPauses.Stats stats = GcPauses.since(mark);
        assertThat(stats.totalMs()).isGreaterThanOrEqualTo(stats.maxMs());
    }
}
