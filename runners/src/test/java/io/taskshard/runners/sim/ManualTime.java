package io.taskshard.runners.sim;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A virtual clock whose {@link #sleep} returns at once after moving time forward. */
final class ManualTime extends Clock implements Sleeper {
    private final AtomicLong millis = new AtomicLong(1_700_000_000_000L);

    @Override
    public void sleep(long ms) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("cancelled before the virtual sleep");
        }
        millis.addAndGet(ms);
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a test clock has one zone");
    }
}
