package io.taskshard.runners.cli;

import io.taskshard.model.Resources;

/** Reads {@code --resources cpu=8,memoryMb=16384}, with {@code --cpu} and {@code --memory-mb} winning. Pure. */
final class ResourcesOption {
    private ResourcesOption() {
    }

    /**
     * @param text     the {@code --resources} value, or null
     * @param cpu      the {@code --cpu} value, or null
     * @param memoryMb the {@code --memory-mb} value, or null
     * @throws IllegalArgumentException naming the option and the part that is wrong
     */
    static Resources parse(String text, Double cpu, Long memoryMb) {
        double c = 0;
        long m = 0;
        if (text != null && !text.isBlank()) {
            for (String part : text.split(",")) {
                String[] kv = part.split("=", 2);
                String key = kv[0].trim();
                if (kv.length != 2) {
                    throw new IllegalArgumentException("--resources '" + text + "': '" + part
                            + "' must look like key=value, e.g. cpu=8,memoryMb=16384");
                }
                String value = kv[1].trim();
                try {
                    switch (key) {
                        case "cpu" -> c = Double.parseDouble(value);
                        case "memoryMb", "memory-mb", "memory_mb" -> m = Long.parseLong(value);
                        default -> throw new IllegalArgumentException("--resources: unknown resource '" + key
                                + "'; known: cpu, memoryMb");
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--resources: '" + value + "' is not a number (" + key + ")", e);
                }
            }
        }
        if (cpu != null) {
            c = cpu;
        }
        if (memoryMb != null) {
            m = memoryMb;
        }
        try {
            return new Resources(c, m);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--resources/--cpu/--memory-mb: " + e.getMessage(), e);
        }
    }
}
