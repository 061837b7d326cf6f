package io.taskshard.server;

import io.taskshard.protocol.CoordinatorMessage;
import io.taskshard.protocol.ProtocolCodec;

/**
 * A message on its way to one or more peers, encoded at most once, straight to the UTF-8
 * bytes that go on the wire. The coordinator hands the same {@code task-done} to every peer of
 * a job; encoding it per connection was most of the sender threads' CPU (docs/benchmarks.md,
 * hot spot 2), so connections share one of these and the first sender to need the bytes
 * encodes them for all. The bytes are never written to after that.
 */
final class OutgoingFrame {
    /** Frames that let a peer work (or stop working) go before queued informational ones. */
    enum Lane { URGENT, IN_ORDER }

    private final CoordinatorMessage message;
    private volatile byte[] utf8;

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

    /** The frame's JSON as UTF-8; shared, so callers must not modify it. */
    byte[] utf8(ProtocolCodec codec) {
        byte[] bytes = utf8;
        if (bytes == null) {
            synchronized (this) {
                bytes = utf8;
                if (bytes == null) {
                    bytes = codec.encodeUtf8(message);
                    utf8 = bytes;
                }
            }
        }
        return bytes;
    }

    @Override
    public String toString() {
        return message.toString();
    }
}
