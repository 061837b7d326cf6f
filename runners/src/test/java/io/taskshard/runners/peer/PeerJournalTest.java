package io.taskshard.runners.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.protocol.Outcome;
import io.taskshard.runners.spi.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerJournalTest {
    @TempDir
    Path dir;

    PeerJournal journal(String server, String schemaHash) {
        return new PeerJournal(dir, "ci-7", server, "monorepo", schemaHash);
    }

    @Test
    void leasesAndResultsSurviveARestart() throws Exception {
        PeerJournal.Entry running = new PeerJournal.Entry(41, 1, 60_000, Map.of("id", "//a:test", "shard", 3), null);
        PeerJournal.Entry ended = new PeerJournal.Entry(42, 2, 0, Map.of("id", "//b:test"),
                new RunResult(Outcome.FAILURE, 3, 1_234, "FAILED: //b:test", true));
        journal("ws://h:7070/v1/peer", "abc").save(List.of(running, ended));

        PeerJournal.Loaded loaded = journal("ws://h:7070/v1/peer", "abc").load();

        assertThat(loaded.ignoredBecause()).isNull();
        assertThat(loaded.entries()).containsExactly(running, ended);
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void aJournalOfAnotherServerOrSchemaIsIgnoredSayingWhy() throws Exception {
        journal("ws://h:7070/v1/peer", "abc").save(List.of(new PeerJournal.Entry(1, 1, 0, Map.of("id", "a"), null)));

        assertThat(journal("ws://other:7070/v1/peer", "abc").load())
                .satisfies(l -> assertThat(l.entries()).isEmpty())
                .satisfies(l -> assertThat(l.ignoredBecause()).contains("server ws://h:7070/v1/peer"));
        assertThat(journal("ws://h:7070/v1/peer", "def").load().ignoredBecause()).contains("another schema");
    }

    @Test
    void noLeasesMeansNoFileAndAnUnreadableFileIsReported() throws Exception {
        PeerJournal j = journal("ws://h:7070/v1/peer", "abc");
        j.save(List.of(new PeerJournal.Entry(1, 1, 0, Map.of("id", "a"), null)));
        assertThat(j.file()).exists();
        j.save(List.of());
        assertThat(j.file()).doesNotExist();
        assertThat(j.load().entries()).isEmpty();

        Files.writeString(j.file(), "{not json");
        assertThat(j.load().ignoredBecause()).contains("unreadable");
    }

    @Test
    void fileNamesAreSafeAndDistinct() {
        assertThat(PeerJournal.fileName("ci-linux_7.a")).isEqualTo("ci-linux_7.a.json");
        assertThat(PeerJournal.fileName("gh/run 1")).startsWith("gh_run_1-").endsWith(".json");
        assertThat(PeerJournal.fileName("gh/run 1")).isNotEqualTo(PeerJournal.fileName("gh_run_1"))
                .isNotEqualTo(PeerJournal.fileName("gh run/1"));
        assertThat(PeerJournal.fileName("..")).doesNotStartWith("..json").endsWith(".json");
        assertThat(PeerJournal.fileName("x".repeat(300)).length()).isLessThan(100);
    }
}
