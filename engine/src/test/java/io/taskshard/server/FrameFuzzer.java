package io.taskshard.server;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random and mutated peer frames for {@link ProtocolFuzzTest}, drawn from a seeded
 * {@link Random} so a failing run repeats exactly. Each frame says whether it is certainly
 * invalid (not JSON, not an object, unknown type, too large, binary): the server must answer
 * every one of those with an {@code error}.
 */
final class FrameFuzzer {
    /** One generated frame; {@code binary} frames are sent as binary, the rest as text. */
    record Frame(String kind, String text, boolean binary, boolean certainlyInvalid) {
    }

    private static final String[] PEER_TYPES = {"heartbeat", "started", "progress", "finished"};
    /** Types only the coordinator sends, or that a joined peer may not send again. */
    private static final String[] OUT_OF_ORDER_TYPES = {"hello", "welcome", "assign", "ack", "cancel", "task-done",
            "job-complete", "error"};
    private static final String[] OUTCOMES = {"success", "failure", "cancelled", "timeout", "lost", "", "SUCCESS"};

    private final Random random;
    private final int maxFrameBytes;

    FrameFuzzer(long seed, int maxFrameBytes) {
        this.random = new Random(seed);
        this.maxFrameBytes = maxFrameBytes;
    }

    Frame next() {
        int roll = random.nextInt(100);
        if (roll < 25) {
            return new Frame("valid-shape", RawPeer.toJson(validShape()), false, false);
        }
        if (roll < 55) {
            return new Frame("mutated", RawPeer.toJson(mutate(validShape())), false, false);
        }
        if (roll < 70) {
            return new Frame("broken-json", brokenJson(), false, true);
        }
        if (roll < 75) {
            return new Frame("not-an-object", notAnObject(), false, true);
        }
        if (roll < 80) {
            return new Frame("deep-nesting", deepNesting(), false, true);
        }
        if (roll < 87) {
            return new Frame("unknown-type", RawPeer.toJson(Map.of("type", randomWord(), "lease", random.nextInt())),
                    false, true);
        }
        if (roll < 95) {
            Map<String, Object> frame = validShape();
            frame.put("type", OUT_OF_ORDER_TYPES[random.nextInt(OUT_OF_ORDER_TYPES.length)]);
            return new Frame("out-of-order", RawPeer.toJson(frame), false, false);
        }
        if (roll < 97) {
            return new Frame("too-large", "{\"type\":\"heartbeat\",\"pad\":\"" + "x".repeat(maxFrameBytes) + "\"}",
                    false, true);
        }
        return new Frame("binary", randomWord(), true, true);
    }

    private Map<String, Object> validShape() {
        Map<String, Object> frame = new LinkedHashMap<>();
        String type = PEER_TYPES[random.nextInt(PEER_TYPES.length)];
        frame.put("type", type);
        if (!type.equals("heartbeat")) {
            frame.put("lease", randomLease());
        }
        switch (type) {
            case "progress" -> frame.put("log", randomWord());
            case "heartbeat" -> frame.put("running", List.of(randomLease()));
            case "finished" -> {
                frame.put("outcome", OUTCOMES[random.nextInt(OUTCOMES.length)]);
                frame.put("exitCode", random.nextInt(300) - 20);
                frame.put("durationMs", random.nextBoolean() ? random.nextInt(10_000) : random.nextLong());
                if (random.nextBoolean()) {
                    frame.put("log", randomWord());
                }
            }
            default -> {
                // started carries nothing more
            }
        }
        return frame;
    }

    private long randomLease() {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextInt(50) + 1; // likely a real lease of some job
            case 1 -> random.nextLong();
            case 2 -> -random.nextInt(1000);
            default -> Long.MAX_VALUE;
        };
    }

    private Map<String, Object> mutate(Map<String, Object> frame) {
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            List<String> keys = new ArrayList<>(frame.keySet());
            String key = keys.isEmpty() ? "type" : keys.get(random.nextInt(keys.size()));
            switch (random.nextInt(4)) {
                case 0 -> frame.remove(key);
                case 1 -> frame.put(key, oddValue());
                case 2 -> frame.put(randomWord(), oddValue()); // unknown field
                default -> frame.put(key, java.util.Arrays.asList(oddValue(), oddValue()));
            }
        }
        return frame;
    }

    private Object oddValue() {
        return switch (random.nextInt(10)) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> new BigInteger(200, random); // far beyond a long
            case 3 -> new java.math.BigDecimal("1e400");
            case 4 -> -1;
            case 5 -> random.nextDouble() * 1e12;
            case 6 -> Map.of(randomWord(), randomWord());
            case 7 -> List.of();
            case 8 -> randomWord().repeat(1 + random.nextInt(200));
            default -> randomWord();
        };
    }

    private String brokenJson() {
        String valid = RawPeer.toJson(validShape());
        return switch (random.nextInt(5)) {
            case 0 -> valid.substring(0, random.nextInt(valid.length() - 1)); // truncated
            case 1 -> valid.replace("\"", "'");
            case 2 -> valid + "}";
            case 3 -> "{\"type\":\"heartbeat\",}";
            default -> randomText(1 + random.nextInt(300));
        };
    }

    private String notAnObject() {
        return switch (random.nextInt(6)) {
            case 0 -> "null";
            case 1 -> "[]";
            case 2 -> Long.toString(random.nextLong());
            case 3 -> "\"" + randomWord() + "\"";
            case 4 -> "[" + RawPeer.toJson(validShape()) + "]";
            default -> "";
        };
    }

    private String deepNesting() {
        int depth = 2_000 + random.nextInt(20_000);
        return random.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth)
                : "[" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + "]";
    }

    private String randomWord() {
        int length = 1 + random.nextInt(12);
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append((char) ('a' + random.nextInt(26)));
        }
        return b.toString();
    }

    /** Printable ASCII, control characters and some non-ASCII letters (no lone surrogates: not valid text). */
    private String randomText(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int r = random.nextInt(10);
            b.append(r == 0 ? (char) random.nextInt(32) : r == 1 ? (char) (0xC0 + random.nextInt(0x2000))
                    : (char) (32 + random.nextInt(95)));
        }
        return b.toString();
    }
}
