package io.taskshard.runners.spi;

/**
 * The last {@code maxBytes} (UTF-8) of an attempt's output. Output is unbounded, a frame is not
 * (1 MiB by default), so only the tail is kept; when earlier output was dropped, {@link #text()}
 * starts with a note saying how much. Thread-safe.
 */
public final class LogTail {
    /** Tail size a runner keeps unless configured otherwise. */
    public static final int DEFAULT_MAX_BYTES = 64 * 1024;
    /** Smallest allowed size: room for the dropped-output note and some output. */
    public static final int MIN_MAX_BYTES = 256;

    private final int maxBytes;
    private final StringBuilder text = new StringBuilder();
    private long droppedBytes;

    public LogTail(int maxBytes) {
        if (maxBytes < MIN_MAX_BYTES) {
            throw new IllegalArgumentException("log tail size must be at least " + MIN_MAX_BYTES + " bytes, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    public LogTail() {
        this(DEFAULT_MAX_BYTES);
    }

    public int maxBytes() {
        return maxBytes;
    }

    /** Appends output, dropping the oldest output beyond the bound. */
    public synchronized void append(String chunk) {
        text.append(chunk);
        // A char is 1 to 3 UTF-8 bytes (a surrogate pair is 4 for 2 chars): below a third of the
        // bound there is nothing to measure.
        if (text.length() * 3L > maxBytes) {
            trimTo(maxBytes);
        }
    }

    /** Appends one line of the runner's own (e.g. "[shell] timed out after 5.0s"), on a line of its own. */
    public synchronized void note(String line) {
        if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
            append("\n");
        }
        append(line + "\n");
    }

    /** How many bytes of output were dropped from the front so far. */
    public synchronized long droppedBytes() {
        return droppedBytes;
    }

    /** The tail, never more than {@code maxBytes} UTF-8 bytes, dropped output noted at the front. */
    public synchronized String text() {
        if (droppedBytes == 0) {
            return text.toString();
        }
        String marker = "[... " + droppedBytes + " earlier bytes of output dropped ...]\n";
        int budget = maxBytes - marker.length(); // the marker is ASCII
        int from = startForBudget(budget);
        return marker + text.substring(from);
    }

    @Override
    public String toString() {
        return text();
    }

    private void trimTo(int budget) {
        int from = startForBudget(budget);
        if (from > 0) {
            droppedBytes += utf8Length(0, from);
            text.delete(0, from);
        }
    }

    /** The first index such that text[index..] fits {@code budget} bytes, not splitting a surrogate pair. */
    private int startForBudget(int budget) {
        long over = utf8Length(0, text.length()) - budget;
        int i = 0;
        while (over > 0 && i < text.length()) {
            int step = Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1)) ? 2 : 1;
            over -= utf8Length(i, i + step);
            i += step;
        }
        return i;
    }

    private long utf8Length(int from, int to) {
        long bytes = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
