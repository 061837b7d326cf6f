package io.taskshard.runners.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.analysis.Comparison;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTableTest {
    private static Comparison.Run run(long makespan, long cpu) {
        return new Comparison.Run(makespan, cpu, List.of());
    }

    @Test
    void stripsShareOneScaleAndTheFiguresAreShown() {
        Comparison c = new Comparison(7, run(21_000, 63_000), run(21_000, 63_000), run(7_500, 22_000),
                new Comparison.LowerBound(7_000, 7_000, 6_000, 6_000), 2.8, 2.8, 0.93, 3, 3, 6, 0);

        String text = ComparisonTable.render(c, 20);

        assertThat(text).contains("6 tasks on 3 peers (3 slots in all)");
        assertThat(text).containsPattern("linear +\\|#{20}\\| +21\\.0s +1m03s +2\\.80x");
        assertThat(text).containsPattern("sharded +\\|#{7} {13}\\| +7\\.5s +22\\.0s +1\\.00x");
        assertThat(text).containsPattern("lower bound +#? *\\^");
        assertThat(text).contains("2.8x faster than linear").contains("93% of the best possible");
        assertThat(text).doesNotContain("estimates");
        assertThat(ComparisonTable.render(c, ComparisonTable.DEFAULT_WIDTH).lines())
                .allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
    }

    @Test
    void saysWhenDurationsAreEstimatesAndCopesWithNothingRun() {
        Comparison c = new Comparison(1, run(0, 0), run(0, 0), run(0, 0), new Comparison.LowerBound(0, 0, 0, 0),
                0, 0, 0, 1, 1, 2, 2);

        String text = ComparisonTable.render(c, 10);

        assertThat(text).contains("1 peer (1 slot in all)").contains("2 tasks never succeeded");
        assertThat(text).contains("|          |");
    }
}
