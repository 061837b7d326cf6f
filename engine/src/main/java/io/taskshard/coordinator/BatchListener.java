package io.taskshard.coordinator;

import io.taskshard.model.Change;
import java.util.List;

/**
 * Told about every committed batch, on the coordinator thread, after the commit and before
 * the batch's messages go out. Implementations must be quick and must not block: they copy
 * what they need (read model, event stream, metrics) and return.
 */
@FunctionalInterface
public interface BatchListener {
    void onCommitted(List<Change> changes, long now);
}
