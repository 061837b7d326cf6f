package io.taskshard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.CharBuffer;
import org.junit.jupiter.api.Test;

class TextPartsTest {
    private final TextParts parts = new TextParts();

    @Test
    void partsOfAnyKindJoinIntoOneMessageInOrder() {
        CharBuffer offset = CharBuffer.wrap("xx{\"type\":".toCharArray()).position(2).slice();

        assertThat(parts.add(offset, false)).isNull();
        assertThat(parts.add(CharBuffer.wrap("\"task-done\",").asReadOnlyBuffer(), false)).isNull(); // no array
        assertThat(parts.add("\"tasks\":[]}", true)).isEqualTo("{\"type\":\"task-done\",\"tasks\":[]}");
        assertThat(parts.add(CharBuffer.wrap("{\"type\":\"ack\"}"), true)).isEqualTo("{\"type\":\"ack\"}");
    }
}
