package io.taskshard.runners.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogTailTest {

    @Test
    void keeps_everything_while_under_the_bound() {
        LogTail tail = new LogTail(1024);
        tail.append("one\n");
        tail.append("two");
        tail.note("[shell] done");

        assertThat(tail.text()).isEqualTo("one\ntwo\n[shell] done\n");
        assertThat(tail.droppedBytes()).isZero();
    }

    @Test
    void keeps_only_the_last_bytes_and_says_how_much_was_dropped() {
        LogTail tail = new LogTail(1024);
        for (int i = 0; i < 10_000; i++) {
            tail.append("line " + i + "\n");
        }

        String text = tail.text();
        assertThat(text.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024);
        assertThat(text).startsWith("[... ").contains(" earlier bytes of output dropped ...]\n").endsWith("line 9999\n");
        long total = 0;
        for (int i = 0; i < 10_000; i++) {
            total += ("line " + i + "\n").length();
        }
        String kept = text.substring(text.indexOf("]\n") + 2);
        assertThat(tail.droppedBytes()).isGreaterThanOrEqualTo(total - 1024);
        assertThat(total - kept.length()).isGreaterThanOrEqualTo(tail.droppedBytes()); // the marker's room is dropped too
    }

    @Test
    void counts_utf8_bytes_and_never_splits_a_character() {
        LogTail tail = new LogTail(300);
        for (int i = 0; i < 500; i++) {
            tail.append("é€😀"); // 2 + 3 + 4 bytes
        }

        String text = tail.text();
        assertThat(text.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(300);
        String kept = text.substring(text.indexOf("]\n") + 2);
        assertThat(kept.codePoints().allMatch(cp -> cp == 'é' || cp == '€' || cp == 0x1F600)).isTrue();
        assertThat(kept).endsWith("😀");
    }

    @Test
    void refuses_a_bound_too_small_for_the_note() {
        assertThatThrownBy(() -> new LogTail(10)).hasMessageContaining("at least 256");
    }
}
