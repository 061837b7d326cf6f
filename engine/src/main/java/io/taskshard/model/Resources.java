package io.taskshard.model;

/**
 * What a task needs, or what a peer offers. {@code 0} means "not stated": a task that states
 * nothing fits anywhere, a peer that states nothing is treated as unbounded.
 */
public record Resources(double cpu, long memoryMb) {
    public static final Resources NONE = new Resources(0, 0);

    public Resources {
        if (cpu < 0 || memoryMb < 0) {
            throw new IllegalArgumentException("resources must not be negative: cpu=" + cpu + ", memoryMb=" + memoryMb);
        }
    }

    public boolean isNone() {
        return cpu == 0 && memoryMb == 0;
    }

    /** True when a task needing {@code this} can run on a peer offering {@code offer}. */
    public boolean fitsIn(Resources offer) {
        return (offer.cpu == 0 || cpu <= offer.cpu) && (offer.memoryMb == 0 || memoryMb <= offer.memoryMb);
    }
}
