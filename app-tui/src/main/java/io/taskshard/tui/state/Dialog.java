package io.taskshard.tui.state;

import java.util.List;

/**
 * A modal box over the current view. While one is open, keys go to it: every operator command
 * passes through a {@link Confirm}.
 */
public sealed interface Dialog {

    /** "Send this command? (y/n)". */
    record Confirm(Action action) implements Dialog {
    }

    /**
     * Choose the peer a task is reassigned to.
     *
     * @param taskRef  the task
     * @param taskId   its id, for the words
     * @param peers    the eligible peers, by id
     * @param selected index into {@code peers}
     */
    /**
     * @param loads   beside each peer, its load ("1/2 slots busy"); may be empty
     * @param running the task's progress when it runs ("slow-1 has run 29 s of ~30 s"), else ""
     */
    record PeerPicker(io.taskshard.client.TaskRef taskRef, String taskId, List<String> peers, int selected,
                      List<String> loads, String running) implements Dialog {
        public PeerPicker {
            peers = List.copyOf(peers);
            loads = List.copyOf(loads == null ? List.of() : loads);
            running = running == null ? "" : running;
        }

        public PeerPicker(io.taskshard.client.TaskRef taskRef, String taskId, List<String> peers, int selected) {
            this(taskRef, taskId, peers, selected, List.of(), "");
        }

        public PeerPicker withSelected(int i) {
            return new PeerPicker(taskRef, taskId, peers, i, loads, running);
        }
    }

    /**
     * Type a new priority for a task.
     *
     * @param text what was typed so far (digits, maybe a leading minus)
     */
    record PriorityPrompt(io.taskshard.client.TaskRef taskRef, String taskId, int current, String text)
            implements Dialog {
    }
}
