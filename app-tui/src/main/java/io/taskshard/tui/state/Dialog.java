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
    record PeerPicker(io.taskshard.client.TaskRef taskRef, String taskId, List<String> peers, int selected)
            implements Dialog {
        public PeerPicker {
            peers = List.copyOf(peers);
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
