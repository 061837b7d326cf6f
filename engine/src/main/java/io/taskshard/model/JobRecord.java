package io.taskshard.model;

import java.util.List;
import java.util.Map;

/**
 * Immutable snapshot of a job, as persisted and as shown to operators.
 *
 * @param repoState  for SHARED jobs, the repo state of the group (repo -> base ref and every
 *                   patchset seen in the group); empty for SUBMITTED jobs
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
        List<String> failedTasks,
        long createdAt,
        long finishedAt) {

    public JobRecord {
        repoState = Map.copyOf(repoState == null ? Map.of() : repoState);
        failedTasks = List.copyOf(failedTasks == null ? List.of() : failedTasks);
    }
}
