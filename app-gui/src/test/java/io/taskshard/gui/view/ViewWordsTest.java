package io.taskshard.gui.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.analysis.Comparison;
import io.taskshard.model.PeerState;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViewWordsTest {
    private static Comparison.Run run(long ms) {
        return new Comparison.Run(ms, ms, List.of());
    }

    @Test
    void comparison_line_uses_the_engines_summary_words() {
        String words = "speedup 2.00x vs linear, 1.00x vs parallel; sharded so far; efficiency once the job has ended";
        Comparison c = new Comparison(7, run(4_000), run(2_000), run(2_000),
                new Comparison.LowerBound(1_000, 1_000, 500, 500), 2.0, 1.0, 0, 2, 2, 4, 1, false, 0, 0, words);

        String line = ViewWords.comparison(c);

        assertThat(line).isEqualTo("job 7: 4 tasks on 2 peer(s), 2 slot(s): " + words);
        assertThat(line).doesNotContain("0% of the best possible");
    }

    @Test
    void heard_shows_only_when_the_peer_is_late_by_more_than_two_heartbeats() {
        assertThat(ViewWords.heard(PeerState.CONNECTED, 1_200, 5_000)).isEmpty();
        assertThat(ViewWords.heard(PeerState.CONNECTED, 10_000, 5_000)).isEmpty();
        assertThat(ViewWords.heard(PeerState.CONNECTED, 12_000, 5_000)).isEqualTo("12.0s ago");
        assertThat(ViewWords.heard(PeerState.DISCONNECTED, 3_000, 1_000)).isEqualTo("3.0s ago");
        assertThat(ViewWords.heard(PeerState.LEFT, 60_000, 5_000)).isEmpty();
        assertThat(ViewWords.heard(PeerState.LOST, 60_000, 5_000)).isEmpty();
        assertThat(ViewWords.heard(PeerState.CONNECTED, -1, 5_000)).isEmpty();
    }
}
