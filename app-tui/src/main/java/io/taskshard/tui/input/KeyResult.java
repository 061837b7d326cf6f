package io.taskshard.tui.input;

import io.taskshard.tui.state.Action;
import io.taskshard.tui.state.ViewState;
import java.util.Optional;

/**
 * What a key press did: the next view state, and an action for the shell (quit, or send a
 * command), if any.
 */
public record KeyResult(ViewState state, Optional<Action> action) {
    static KeyResult of(ViewState state) {
        return new KeyResult(state, Optional.empty());
    }

    static KeyResult of(ViewState state, Action action) {
        return new KeyResult(state, Optional.of(action));
    }
}
