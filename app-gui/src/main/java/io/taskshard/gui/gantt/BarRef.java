package io.taskshard.gui.gantt;

/** One bar of a {@link Timeline}: its lane and its number in {@link BarIndex} order. */
public record BarRef(int lane, int bar) {
}
