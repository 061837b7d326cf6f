package io.taskshard.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A peer of the scale benchmark: joins, keeps the tasks it is assigned (it never finishes
 * them) and sends heartbeats listing them, so the coordinator holds it as a live, busy peer.
 */
final class ScalePeer extends TextFrames {
    private static final Pattern LEASE = Pattern.compile("\"lease\"\\s*:\\s*(\\d+)");

    final String id;
    /** Completes with the welcome's arrival time (System.nanoTime). */
    final CompletableFuture<Long> welcomed = new CompletableFuture<>();
    private final List<Long> running = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    ScalePeer(String id) {
        this.id = id;
    }

    @Override
    void onFrame(String text, long arrivedNanos) {
        if (text.contains("\"type\":\"welcome\"")) {
            welcomed.complete(arrivedNanos);
        } else if (text.contains("\"type\":\"assign\"")) {
            Matcher m = LEASE.matcher(text);
            if (m.find()) {
                synchronized (running) {
                    running.add(Long.parseLong(m.group(1)));
                }
            }
        } else if (text.contains("\"type\":\"error\"")) {
            synchronized (errors) {
                errors.add(text);
            }
            welcomed.completeExceptionally(new IllegalStateException(id + " got " + text));
        }
    }

    @Override
    void onFailure(Throwable error) {
        welcomed.completeExceptionally(error);
    }

    /** A heartbeat listing what it holds. */
    void heartbeat() {
        StringBuilder frame = new StringBuilder("{\"type\":\"heartbeat\",\"running\":[");
        synchronized (running) {
            for (int i = 0; i < running.size(); i++) {
                frame.append(i == 0 ? "" : ",").append(running.get(i));
            }
        }
        FrameSender s = sender();
        if (s != null) {
            s.send(frame.append("]}").toString());
        }
    }

    List<String> errors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }
}
