package io.taskshard.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.model.RepoEntry;
import io.taskshard.model.Resources;
import io.taskshard.model.TaskSpec;
import io.taskshard.protocol.PeerMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The repo-state grouping cases of the original task-sharding server, plus ours for peers
 * without patchsets. Each case: peers joining in order, and the expected arrangement into
 * groups (lists of peer indexes sharing one job).
 */
class GroupingCasesTest {
    private static final String P1 = "5bfb44678a27f9bc3b6a96ced8d0b464d7ea9b71";
    private static final String P2 = "29fb9sda8yfbd9138239e8qahd8iuia1932wfhas";
    private static final String P3 = "2f05517de6887b51439fc2f62b836f5647978327";
    private static final String OTHER = "234234eadf9uqhr9ueafbizdh923849efk99s8fg";

    /** One joining peer's description. */
    record Joiner(String schemaName, List<TaskSpec> tasks, String cacheId, Map<String, RepoEntry> repos,
                  boolean complex) {
    }

    static Joiner peer() {
        return repo("org/repo_1", "main", P1);
    }

    static Joiner repo(String name, String baseRef, String patchset, String... additional) {
        return new Joiner("schema-1", SchedulerHarness.tasks("a", "b"), "1",
                Map.of(name, new RepoEntry(baseRef, patchset, List.of(additional))), false);
    }

    static Joiner complex(Joiner j) {
        return new Joiner(j.schemaName, j.tasks, j.cacheId, j.repos, true);
    }

    static Joiner cache(String cacheId) {
        Joiner j = peer();
        return new Joiner(j.schemaName, j.tasks, cacheId, j.repos, false);
    }

    static Joiner schema(String name) {
        Joiner j = peer();
        return new Joiner(name, j.tasks, j.cacheId, j.repos, false);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no peers", List.of(), List.of()),
                Arguments.of("single peer", List.of(peer()), List.of(List.of(0))),
                Arguments.of("identical config", List.of(peer(), peer()), List.of(List.of(0, 1))),
                Arguments.of("different cacheId", List.of(cache("1"), cache("2")), List.of(List.of(0), List.of(1))),
                Arguments.of("different schema id", List.of(schema("1"), schema("2")),
                        List.of(List.of(0), List.of(1))),
                Arguments.of("different base ref", List.of(repo("org/repo_1", "master", P1),
                        repo("org/repo_1", "main", P1)), List.of(List.of(0), List.of(1))),
                Arguments.of("different repo names", List.of(repo("org/repo_1", "main", P1),
                        repo("org/repo_2", "main", P1)), List.of(List.of(0), List.of(1))),
                Arguments.of("different patchsets", List.of(repo("org/repo_1", "main", P1),
                        repo("org/repo_1", "main", P2)), List.of(List.of(0), List.of(1))),
                Arguments.of("first patchset in second's additional patchsets", List.of(
                        repo("org/repo_1", "main", P1), repo("org/repo_1", "main", P2, P1)), List.of(List.of(0, 1))),
                Arguments.of("first patchset not in second's additional patchsets", List.of(
                        repo("org/repo_1", "main", P1), repo("org/repo_1", "main", P2, OTHER)),
                        List.of(List.of(0), List.of(1))),
                Arguments.of("three peers chained through additional patchsets", List.of(
                        repo("org/repo_1", "main", P1), repo("org/repo_1", "main", P2, P1),
                        repo("org/repo_1", "main", P3, P1, P2)), List.of(List.of(0, 1, 2))),
                Arguments.of("second patchset complex", List.of(repo("org/repo_1", "main", P1),
                        complex(repo("org/repo_1", "main", P2, P1))), List.of(List.of(0), List.of(1))),
                Arguments.of("middle of three complex: third joins the best match", List.of(
                        repo("org/repo_1", "main", P1), complex(repo("org/repo_1", "main", P2, P1)),
                        repo("org/repo_1", "main", P3, P1, P2)), List.of(List.of(0), List.of(1, 2))),
                Arguments.of("last of three complex", List.of(repo("org/repo_1", "main", P1),
                        repo("org/repo_1", "main", P2, P1), complex(repo("org/repo_1", "main", P3, P1, P2))),
                        List.of(List.of(0, 1), List.of(2))),
                Arguments.of("identical complex patchsets still split", List.of(complex(peer()), complex(peer())),
                        List.of(List.of(0), List.of(1))),
                Arguments.of("no repo state at all groups together", List.of(
                        new Joiner("s", SchedulerHarness.tasks("a"), "", Map.of(), false),
                        new Joiner("s", SchedulerHarness.tasks("a"), "", Map.of(), false)), List.of(List.of(0, 1))),
                Arguments.of("no repo state never joins a group with one", List.of(peer(),
                        new Joiner("schema-1", SchedulerHarness.tasks("a", "b"), "1", Map.of(), false)),
                        List.of(List.of(0), List.of(1))),
                Arguments.of("same base ref without patchsets groups", List.of(repo("r", "main", null),
                        repo("r", "main", null)), List.of(List.of(0, 1))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void peersFormTheExpectedGroups(String name, List<Joiner> joiners, List<List<Integer>> expected) {
        SchedulerHarness h = new SchedulerHarness();
        Map<Integer, Long> jobOf = new HashMap<>();
        for (int i = 0; i < joiners.size(); i++) {
            Joiner j = joiners.get(i);
            h.join(new PeerMessage.Hello(1, "peer-" + i, new PeerMessage.SchemaMsg(j.schemaName, j.tasks),
                    j.cacheId, j.repos, j.complex, 1, List.of(), Resources.NONE, null, List.of(), false));
            jobOf.put(i, h.jobOf("peer-" + i));
        }
        List<List<Integer>> actual = new ArrayList<>();
        Map<Long, List<Integer>> byJob = new java.util.TreeMap<>();
        jobOf.forEach((peer, job) -> byJob.computeIfAbsent(job, k -> new ArrayList<>()).add(peer));
        byJob.values().forEach(actual::add);
        assertThat(actual).as(name).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(h.scheduler.stateForTests().jobs).hasSize(expected.size());
    }
}
