package io.taskshard.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** When the dashboard cannot take the terminal, it says why (and the demo falls back to text). */
class TerminalCheckTest {
    @Test
    void noConsoleIsNoTerminal() {
        assertThat(TerminalCheck.whyNot(null, Map.of("TERM", "xterm"))).contains(
                "standard input or output is not a terminal");
    }

    @Test
    void underTheTestRunnerTheDemoDashboardIsUnavailableAndSaysWhy() {
        // Surefire pipes the forked JVM's standard streams: no terminal, whatever System.console() says on JDK 22+.
        assertThat(new TuiDashboard().unavailableReason()).hasValueSatisfying(reason ->
                assertThat(reason).contains("not a terminal"));
        assertThat(new TuiDashboard().name()).isEqualTo("tui");
    }
}
