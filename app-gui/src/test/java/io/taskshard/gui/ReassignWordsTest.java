package io.taskshard.gui;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.gui.view.GanttView;
import org.junit.jupiter.api.Test;

class ReassignWordsTest {
    @Test
    void aRunningTaskSaysFromWhichPeerToWhichWithItsProgressAndThatItRestarts() {
        var r = new GanttView.Reassign("//a:b", "p2", true, "p1");

        assertThat(ReassignWords.question(r)).isEqualTo("Move //a:b from peer p1 to p2?");
        assertThat(ReassignWords.consequence(r, "p1 has run 29.0s of ~30.0s: restart it?")).isEqualTo(
                "p1 has run 29.0s of ~30.0s: restart it?\nIts attempt on p1 is cancelled and it starts again on p2:"
                        + " only p2 may take it from now on.");
    }

    @Test
    void aWaitingTaskSaysItIsPinnedAndWaitsForThatPeer() {
        var r = new GanttView.Reassign("//a:b", "p2", false, null);

        assertThat(ReassignWords.question(r)).isEqualTo("Move //a:b (waiting) to peer p2?");
        assertThat(ReassignWords.consequence(r, "unused")).isEqualTo("It is pinned to p2: only p2 may take it from"
                + " now on; it waits until p2 has a free slot.");
    }
}
