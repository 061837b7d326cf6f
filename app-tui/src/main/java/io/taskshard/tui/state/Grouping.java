package io.taskshard.tui.state;

/** How the Gantt chart groups its lanes. */
public enum Grouping {
    /** One lane per peer slot, one bar per attempt. */
    BY_PEER("by peer"),
    /** One lane per task: its waiting time, then each attempt on whichever peer ran it. */
    BY_TASK("by task");

    private final String label;

    Grouping(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public Grouping toggled() {
        return this == BY_PEER ? BY_TASK : BY_PEER;
    }
}
