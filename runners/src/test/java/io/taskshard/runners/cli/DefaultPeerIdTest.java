package io.taskshard.runners.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DefaultPeerIdTest {
    @Test
    void githubActionsIdsTellMatrixJobsApart() {
        Map<String, String> env = Map.of("GITHUB_RUN_ID", "9001", "GITHUB_RUN_ATTEMPT", "2", "GITHUB_JOB", "test",
                "RUNNER_NAME", "GitHub Actions 12");
        assertThat(DefaultPeerId.of(env, "host", 7)).isEqualTo("gh-9001-2-test-GitHub-Actions-12");
    }

    @Test
    void otherCisAndThenHostAndPid() {
        assertThat(DefaultPeerId.of(Map.of("CI_JOB_ID", "555"), "host", 7)).isEqualTo("gitlab-555");
        assertThat(DefaultPeerId.of(Map.of("BUILDKITE_JOB_ID", "0188-ab"), "host", 7)).isEqualTo("buildkite-0188-ab");
        assertThat(DefaultPeerId.of(Map.of(), "build-host", 4242)).isEqualTo("build-host-4242");
        assertThat(DefaultPeerId.of(Map.of("GITHUB_RUN_ID", " "), "", 1)).isEqualTo("peer-1");
    }
}
