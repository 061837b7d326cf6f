package io.taskshard.tui.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {
    @Test
    void middleKeepsTheFirstDirectoryAndTheTargetName() {
        assertThat(Text.middle("//services/payments/internal/billing:test", 25).strip())
                .isEqualTo("//services/\u2026/billing:test");
        assertThat(Text.middle("//a:b", 10)).isEqualTo("//a:b     ");
        assertThat(Text.middle("//services/payments/internal/billing:test", 25)).hasSize(25);
    }

    @Test
    void wrapBreaksAtSpacesAndNeverLosesText() {
        assertThat(Text.wrap("cannot connect: 401 unauthorized token", 16))
                .containsExactly("cannot connect:", "401 unauthorized", "token");
        assertThat(String.join("", Text.wrap("abcdefghij", 4))).isEqualTo("abcdefghij");
    }
}
