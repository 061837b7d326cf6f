package io.taskshard.runners.cli;

import io.taskshard.model.RepoEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The repo state of the git checkout a peer runs in, for when no {@code --repo} is given:
 * <ul>
 *   <li>name: the last part of {@code git remote get-url origin} without {@code .git}, else the
 *       name of the checkout's top directory;</li>
 *   <li>base ref: the CI's target branch when it builds a change ({@code GITHUB_BASE_REF},
 *       {@code CI_MERGE_REQUEST_TARGET_BRANCH_NAME}), else the current branch
 *       ({@code git rev-parse --abbrev-ref HEAD}; on a detached HEAD, {@code GITHUB_REF_NAME} or
 *       {@code CI_COMMIT_REF_NAME} when set, else {@code HEAD});</li>
 *   <li>patchset: {@code git rev-parse HEAD}.</li>
 * </ul>
 * No git, or not a checkout: no repo state at all (the peer then groups only with peers that sent
 * none either).
 */
final class RepoStateDetector {
    private static final Logger LOG = LoggerFactory.getLogger(RepoStateDetector.class);
    /** One git call may take this long (a slow network file system). */
    static final long DEFAULT_GIT_TIMEOUT_MS = 10_000;

    private RepoStateDetector() {
    }

    static Map<String, RepoEntry> detect(Path dir, Map<String, String> env) {
        Optional<String> head = git(dir, "rev-parse", "HEAD");
        if (head.isEmpty()) {
            LOG.debug("{} is not a git checkout (or git is missing): no repo state", dir);
            return Map.of();
        }
        String name = git(dir, "remote", "get-url", "origin").map(RepoStateDetector::repoName)
                .or(() -> git(dir, "rev-parse", "--show-toplevel").map(top -> Path.of(top).getFileName().toString()))
                .orElse("repo");
        String branch = git(dir, "rev-parse", "--abbrev-ref", "HEAD").orElse("HEAD");
        return Map.of(name, new RepoEntry(baseRef(env, branch), head.get(), List.of()));
    }

    /** {@code https://github.com/acme/monorepo.git} and {@code git@github.com:acme/monorepo} → {@code monorepo}. */
    static String repoName(String remoteUrl) {
        String s = remoteUrl.trim();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.endsWith(".git")) {
            s = s.substring(0, s.length() - 4);
        }
        int cut = Math.max(s.lastIndexOf('/'), s.lastIndexOf(':'));
        String name = s.substring(cut + 1);
        return name.isEmpty() ? "repo" : name;
    }

    /** The base ref: the CI's target branch of a change, else the branch checked out. */
    static String baseRef(Map<String, String> env, String branch) {
        for (String key : List.of("GITHUB_BASE_REF", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME")) {
            String v = env.get(key);
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        if (!"HEAD".equals(branch)) {
            return branch;
        }
        for (String key : List.of("GITHUB_REF_NAME", "CI_COMMIT_REF_NAME")) {
            String v = env.get(key);
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return branch;
    }

    private static Optional<String> git(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close(); // git must not wait for input (a credential prompt)
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (!p.waitFor(DEFAULT_GIT_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                LOG.warn("'{}' took more than {} ms; ignoring it", String.join(" ", command), DEFAULT_GIT_TIMEOUT_MS);
                return Optional.empty();
            }
            if (p.exitValue() != 0 || out.isEmpty()) {
                LOG.debug("'{}' exited {}: {}", String.join(" ", command), p.exitValue(), out);
                return Optional.empty();
            }
            return Optional.of(out.lines().findFirst().orElse(out));
        } catch (IOException e) {
            LOG.debug("cannot run git ({}); no repo state from git", e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
