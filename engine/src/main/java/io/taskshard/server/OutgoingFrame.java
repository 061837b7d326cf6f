package io.taskshard.server;

import io.taskshard.protocol.CoordinatorMessage;
import io.taskshard.protocol.ProtocolCodec;

/**
 * A message on its way to one or more peers, encoded at most once. The coordinator hands the
 * same {@code task-done} to every peer of a job; encoding it per connection was most of the
 * sender threads' CPU (docs/benchmarks.md, hot spot 2), so connections share one of these and
 * the first sender to need the text encodes it for all.
 */
final class OutgoingFrame {
    /** Frames that let a peer work (or stop working) go before queued informational ones. */
    enum Lane { URGENT, IN_ORDER }

    private final CoordinatorMessage message;
    private volatile String text;

    OutgoingFrame(CoordinatorMessage message) {
        this.message = message;
    }

    CoordinatorMessage message() {
        return message;
    }

    /**
     * {@code welcome}, {@code assign}, {@code ack} and {@code cancel} may overtake a queued
     * {@code task-done} (100-300 KB for a big job) so a freed slot is refilled at once; among
     * themselves, and everything else, frames keep their order. {@code welcome} is urgent too so
     * that no {@code assign} can come before it.
     */
    Lane lane() {
        return switch (message) {
            case CoordinatorMessage.Welcome w -> Lane.URGENT;
            case CoordinatorMessage.Assign a -> Lane.URGENT;
            case CoordinatorMessage.Ack a -> Lane.URGENT;
            case CoordinatorMessage.Cancel c -> Lane.URGENT;
            default -> Lane.IN_ORDER;
        };
    }

    String text(ProtocolCodec codec) {
        String t = text;
        if (t == null) {
            synchronized (this) {
                t = text;
                if (t == null) {
                    t = codec.encode(message);
                    text = t;
                }
            }
        }
        return t;
    }

    @Override
    public String toString() {
        return message.toString();
    }
}
