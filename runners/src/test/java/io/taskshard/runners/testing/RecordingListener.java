package io.taskshard.runners.testing;

import io.taskshard.runners.spi.RunListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Records listener calls, in order, for assertions. */
public final class RecordingListener implements RunListener {
    public final AtomicInteger started = new AtomicInteger();
    /** "started" and every log chunk, in call order. */
    public final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public void onStarted() {
        started.incrementAndGet();
        calls.add("started");
    }

    @Override
    public void onLog(String chunk) {
        calls.add(chunk);
    }

    /** Everything logged through the listener, joined. */
    public String logged() {
        return String.join("", calls.subList(Math.min(1, calls.size()), calls.size()));
    }
}
