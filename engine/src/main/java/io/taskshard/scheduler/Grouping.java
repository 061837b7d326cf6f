package io.taskshard.scheduler;

import io.taskshard.model.JobKind;
import io.taskshard.model.RepoEntry;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * Which job a newcomer joins: same schema name, same task list (hash) and same cache id, then
 * repo-state compatibility as the original task-sharding server had it. Every repository of the
 * newcomer must be in the group with the same base ref, and at least one of its patchsets
 * (main or additional) must already be in the group. Among compatible groups the one sharing
 * the most patchsets wins (the oldest on a tie). A complex patchset always starts a new group.
 * Peers that send no repo state at all group only with groups that have none either.
 */
final class Grouping {
    static final int NO_MATCH = -1;

    private Grouping() {
    }

    static Job choose(Collection<Job> jobs, String name, String schemaHash, String cacheId,
                      Map<String, RepoEntry> repoState, boolean complexPatchset) {
        if (complexPatchset) {
            return null;
        }
        Job best = null;
        int bestScore = NO_MATCH;
        for (Job job : jobs) {
            if (job.kind != JobKind.SHARED || !job.isJoinable() || !job.name.equals(name)
                    || !job.schemaHash.equals(schemaHash) || !job.cacheId.equals(cacheId)) {
                continue;
            }
            int score = score(job, repoState);
            if (score > bestScore || (score == bestScore && score != NO_MATCH && job.id < best.id)) {
                best = job;
                bestScore = score;
            }
        }
        return best;
    }

    /** How many of the newcomer's patchsets the group already has; {@link #NO_MATCH} when incompatible. */
    static int score(Job job, Map<String, RepoEntry> repoState) {
        if (repoState.isEmpty()) {
            return job.repos.isEmpty() ? 0 : NO_MATCH;
        }
        int common = 0;
        boolean mineHavePatchsets = false;
        boolean groupHasPatchsets = false;
        for (Map.Entry<String, RepoEntry> e : repoState.entrySet()) {
            Job.GroupRepo group = job.repos.get(e.getKey());
            RepoEntry mine = e.getValue();
            if (group == null || !Objects.equals(group.baseRef, mine.baseRef())) {
                return NO_MATCH;
            }
            groupHasPatchsets |= !group.patchsets.isEmpty();
            if (mine.patchset() != null) {
                mineHavePatchsets = true;
                if (group.patchsets.contains(mine.patchset())) {
                    common++;
                }
            }
            for (String extra : mine.additionalPatchsets()) {
                mineHavePatchsets = true;
                if (group.patchsets.contains(extra)) {
                    common++;
                }
            }
        }
        if (!mineHavePatchsets) {
            // Base refs only: compatible with a group that has no patchsets either.
            return groupHasPatchsets ? NO_MATCH : 0;
        }
        return common == 0 ? NO_MATCH : common;
    }
}
