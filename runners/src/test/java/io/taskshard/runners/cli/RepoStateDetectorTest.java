package io.taskshard.runners.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.taskshard.model.RepoEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoStateDetectorTest {
    @TempDir
    Path dir;

    @Test
    void repoNamesFromRemoteUrls() {
        assertThat(RepoStateDetector.repoName("https://github.com/acme/monorepo.git")).isEqualTo("monorepo");
        assertThat(RepoStateDetector.repoName("git@github.com:acme/tools")).isEqualTo("tools");
        assertThat(RepoStateDetector.repoName("ssh://git@host:29418/platform/base/")).isEqualTo("base");
        assertThat(RepoStateDetector.repoName("git@host:solo.git")).isEqualTo("solo");
    }

    @Test
    void theBaseRefIsTheChangeTargetThenTheBranch() {
        assertThat(RepoStateDetector.baseRef(Map.of("GITHUB_BASE_REF", "main"), "feature/x")).isEqualTo("main");
        assertThat(RepoStateDetector.baseRef(Map.of("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "develop"), "HEAD"))
                .isEqualTo("develop");
        assertThat(RepoStateDetector.baseRef(Map.of(), "release-2")).isEqualTo("release-2");
        assertThat(RepoStateDetector.baseRef(Map.of("GITHUB_REF_NAME", "main"), "HEAD")).isEqualTo("main");
        assertThat(RepoStateDetector.baseRef(Map.of(), "HEAD")).isEqualTo("HEAD");
    }

    @Test
    void aDirectoryOutsideGitHasNoRepoState() {
        assertThat(RepoStateDetector.detect(dir, Map.of())).isEmpty();
    }

    @Test
    void aRealCheckoutGivesNameBranchAndHead() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("widgets"));
        assumeTrue(git(repo, "init", "-q", "-b", "trunk"), "git is not installed");
        assertThat(git(repo, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "--allow-empty",
                "-m", "first")).isTrue();
        assertThat(git(repo, "remote", "add", "origin", "https://example.com/acme/widgets-repo.git")).isTrue();

        Map<String, RepoEntry> state = RepoStateDetector.detect(repo, Map.of());

        assertThat(state).containsOnlyKeys("widgets-repo");
        RepoEntry e = state.get("widgets-repo");
        assertThat(e.baseRef()).isEqualTo("trunk");
        assertThat(e.patchset()).matches("[0-9a-f]{40}");
        assertThat(e.additionalPatchsets()).isEmpty();
    }

    private static boolean git(Path dir, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
