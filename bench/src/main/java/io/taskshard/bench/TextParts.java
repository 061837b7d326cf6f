package io.taskshard.bench;

import java.nio.CharBuffer;

/**
 * Joins the parts of one text message as the JDK WebSocket delivers them. The JDK hands parts
 * over as CharBuffers, which {@code StringBuilder.append(CharSequence)} copies one char at a
 * time: for the task-done frames (megabytes per second per peer) that was 17 % of the whole
 * machine's CPU samples in a profile, taken from the coordinator being measured. Array-backed
 * buffers are copied in bulk.
 */
final class TextParts {
    private final StringBuilder partial = new StringBuilder();

    /** Adds a part; returns the whole message when {@code last}, else null. */
    String add(CharSequence part, boolean last) {
        if (last && partial.isEmpty()) {
            return part.toString();
        }
        if (part instanceof CharBuffer buffer && buffer.hasArray()) {
            partial.append(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
        } else {
            partial.append(part);
        }
        if (!last) {
            return null;
        }
        String text = partial.toString();
        partial.setLength(0);
        return text;
    }
}
