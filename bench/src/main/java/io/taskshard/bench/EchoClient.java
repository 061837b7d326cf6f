package io.taskshard.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * One echo client socket: keeps its share of messages in flight, measures each round trip
 * (the echo keeps order, so replies match sends first in, first out) and sends the next one
 * while the run's budget lasts.
 */
final class EchoClient extends TextFrames {
    /** Shared by the clients of one run: how many messages may still be sent, and how many came back. */
    static final class Budget {
        private final long total;
        private final AtomicLong tickets;
        private final AtomicLong received = new AtomicLong();
        final CompletableFuture<Void> done = new CompletableFuture<>();

        Budget(long total) {
            this.total = total;
            this.tickets = new AtomicLong(total);
        }

        boolean take() {
            return tickets.getAndDecrement() > 0;
        }

        void received() {
            if (received.incrementAndGet() == total) {
                done.complete(null);
            }
        }

        long receivedSoFar() {
            return received.get();
        }
    }

    private final String payload;
    private final Budget budget;
    private final ConcurrentLinkedQueue<Long> sentAt = new ConcurrentLinkedQueue<>();
    private final Histogram rtt = Latency.newHistogram();

    EchoClient(String payload, Budget budget) {
        this.payload = payload;
        this.budget = budget;
        closed.whenComplete((status, e) -> budget.done.completeExceptionally(
                new IllegalStateException("echo socket closed (" + status + ") before the run ended")));
    }

    /** Sends the next message if the budget allows; returns whether it did. */
    boolean sendNext() {
        if (!budget.take()) {
            return false;
        }
        sentAt.add(System.nanoTime()); // before the send: the echo can be back before sendText returns
        sender().send(payload);
        return true;
    }

    @Override
    void onFrame(String text, long arrivedNanos) {
        Long sent = sentAt.poll();
        if (sent == null || !payload.equals(text)) {
            budget.done.completeExceptionally(new IllegalStateException("echo server sent an unexpected frame: "
                    + (text.length() > 100 ? text.substring(0, 100) + "..." : text)));
            return;
        }
        Latency.record(rtt, arrivedNanos - sent);
        budget.received();
        sendNext();
    }

    /** Read after the run's budget is done. */
    Histogram rtt() {
        return rtt;
    }

    void leave() {
        sender().close("bench done");
    }
}
