package io.taskshard.model;

import java.util.List;
import java.util.Map;

/**
 * Immutable snapshot of a job, as persisted and as shown to operators.
 *
 * @param repoState  for SHARED jobs, the repo state of the group (repo -> base ref and every
 *                   patchset seen in the group); empty for SUBMITTED jobs
 * @param doneCount  tasks in an end state (succeeded, failed or cancelled)
 * @param counts     tasks per state
 * @param finishedAt epoch millis, 0 while running
 */
public record JobRecord(
        long id,
        JobKind kind,
        String name,
        String schemaHash,
        String cacheId,
        Map<String, RepoEntry> repoState,
        boolean complexPatchset,
        JobState state,
        int taskCount,
        int doneCount,
        TaskCounts counts,
        List<String> failedTasks,
        long createdAt,
        long finishedAt) {

    public JobRecord {
        repoState = Map.copyOf(repoState == null ? Map.of() : repoState);
        counts = counts == null ? TaskCounts.NONE : counts;
        failedTasks = List.copyOf(failedTasks == null ? List.of() : failedTasks);
    }
}
