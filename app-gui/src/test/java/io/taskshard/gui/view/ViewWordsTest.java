package io.taskshard.gui.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.analysis.Comparison;
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
}
