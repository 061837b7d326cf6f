package io.taskshard.runners.cli;

import java.util.Map;

/**
 * The peer id used when {@code --id} is not given. It must be unique among the peers of a job
 * (a second connection with the same id replaces the first) and, ideally, the same when the same
 * CI job is retried on the same machine, so a restarted peer reclaims its leases. Pure.
 *
 * <ul>
 *   <li>GitHub Actions: {@code gh-<GITHUB_RUN_ID>-<GITHUB_RUN_ATTEMPT>-<GITHUB_JOB>-<RUNNER_NAME>}
 *       (matrix jobs share {@code GITHUB_JOB}; the runner name tells them apart);</li>
 *   <li>GitLab CI: {@code gitlab-<CI_JOB_ID>};</li>
 *   <li>Buildkite: {@code buildkite-<BUILDKITE_JOB_ID>};</li>
 *   <li>otherwise {@code <hostname>-<pid>} (a restarted process gets a new id: give {@code --id}
 *       to reclaim leases after a restart).</li>
 * </ul>
 */
final class DefaultPeerId {
    private DefaultPeerId() {
    }

    static String of(Map<String, String> env, String hostname, long pid) {
        String runId = env.get("GITHUB_RUN_ID");
        if (present(runId) && present(env.get("GITHUB_JOB"))) {
            StringBuilder id = new StringBuilder("gh-").append(runId);
            if (present(env.get("GITHUB_RUN_ATTEMPT"))) {
                id.append('-').append(env.get("GITHUB_RUN_ATTEMPT"));
            }
            id.append('-').append(env.get("GITHUB_JOB"));
            if (present(env.get("RUNNER_NAME"))) {
                id.append('-').append(env.get("RUNNER_NAME").trim().replaceAll("\\s+", "-"));
            }
            return id.toString();
        }
        if (present(env.get("CI_JOB_ID"))) {
            return "gitlab-" + env.get("CI_JOB_ID");
        }
        if (present(env.get("BUILDKITE_JOB_ID"))) {
            return "buildkite-" + env.get("BUILDKITE_JOB_ID");
        }
        String host = present(hostname) ? hostname : "peer";
        return host + "-" + pid;
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
