package io.taskshard.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.protocol.CoordinatorMessage;
import io.taskshard.protocol.ProtocolCodec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutgoingFrameTest {
    private final ProtocolCodec codec = new ProtocolCodec();

    @Test
    void framesThatLetAPeerWorkAreUrgentTheRestKeepTheirOrder() {
        assertThat(new OutgoingFrame(new CoordinatorMessage.Assign(1, Map.of("id", "a"), 1, 0)).lane())
                .isEqualTo(OutgoingFrame.Lane.URGENT);
        assertThat(new OutgoingFrame(new CoordinatorMessage.Ack(1)).lane()).isEqualTo(OutgoingFrame.Lane.URGENT);
        assertThat(new OutgoingFrame(new CoordinatorMessage.Cancel(1, "reassigned")).lane())
                .isEqualTo(OutgoingFrame.Lane.URGENT);
        assertThat(new OutgoingFrame(new CoordinatorMessage.Welcome("p", null, 5_000)).lane())
                .isEqualTo(OutgoingFrame.Lane.URGENT);
        assertThat(new OutgoingFrame(new CoordinatorMessage.TaskDone(List.of())).lane())
                .isEqualTo(OutgoingFrame.Lane.IN_ORDER);
        assertThat(new OutgoingFrame(new CoordinatorMessage.JobComplete(1, "success", List.of())).lane())
                .isEqualTo(OutgoingFrame.Lane.IN_ORDER);
        assertThat(new OutgoingFrame(new CoordinatorMessage.Error("stale-lease", "x", false)).lane())
                .isEqualTo(OutgoingFrame.Lane.IN_ORDER);
    }

    @Test
    void aFrameIsEncodedOnceAndReadsLikeTheCodecsOwnEncoding() {
        CoordinatorMessage.TaskDone done = new CoordinatorMessage.TaskDone(
                List.of(new CoordinatorMessage.DoneTask("//a:b", "success", "p1")));
        OutgoingFrame frame = new OutgoingFrame(done);

        byte[] first = frame.utf8(codec);

        assertThat(frame.utf8(codec)).isSameAs(first);
        assertThat(new String(first, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(codec.encode(done));
    }
}
