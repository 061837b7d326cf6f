package io.taskshard.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskshard.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** A duration without a unit is refused: "--grace 30" silently meant 30 ms. */
class DurationsTest {
    @Test
    void aBareNumberIsRefusedWithAHint() {
        assertThatThrownBy(() -> Durations.parseMillis("30"))
                .hasMessage("30: give a unit, e.g. 30s, 5m, 250ms");
        assertThat(Durations.parseMillis("0")).isZero();
        assertThat(Durations.parseMillis("250ms")).isEqualTo(250);
        assertThat(Durations.parseMillis("1h30m")).isEqualTo(5_400_000);
    }

    @Test
    void aFlagWithoutAUnitIsAUsageError() {
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "serve", "--grace", "30");
        assertThat(exit).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("--grace").contains("30: give a unit, e.g. 30s, 5m, 250ms");
    }
}
