package io.taskshard.tui.state;

/** The dashboard's screens. */
public enum View {
    /** Jobs with progress, peers with their state and current tasks. */
    OVERVIEW("Overview"),
    /** The selected job's Gantt chart, by peer slot or by task. */
    GANTT("Gantt"),
    /** The selected job run linearly, in parallel and sharded, on one time scale. */
    COMPARISON("Comparison"),
    /** One task: its attempts and the log tail of its latest one. */
    TASK("Task");

    private final String title;

    View(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
