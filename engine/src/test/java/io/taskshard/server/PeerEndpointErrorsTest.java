package io.taskshard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bad input gets the right error code, fatal only where the protocol says so, and never
 * disturbs anyone else: a well-behaved peer runs its job alongside and completes it.
 */
class PeerEndpointErrorsTest extends ServerTestBase {

    private JsonNode fatalErrorThenClosed(RawPeer p, String code) {
        JsonNode error = p.awaitError(code);
        assertThat(error.path("fatal").asBoolean()).as("%s is fatal", code).isTrue();
        assertThat(error.path("message").asText()).isNotBlank();
        p.awaitClosed();
        return error;
    }

    private JsonNode nonFatalError(RawPeer p, String code) {
        JsonNode error = p.awaitError(code);
        assertThat(error.path("fatal").asBoolean()).as("%s is not fatal", code).isFalse();
        assertThat(error.path("message").asText()).isNotBlank();
        return error;
    }

    @Test
    void badFramesAfterHelloGetErrorsAndChangeNothingWhileAnotherJobCompletes() {
        RawPeer good = peer("good");
        good.send(RawPeer.hello("good", "good-job", taskIds("g", 4)));
        good.await("welcome");

        RawPeer bad = peer("bad");
        bad.send(RawPeer.hello("bad", "bad-job", taskIds("b", 2)));
        bad.await("welcome");
        JsonNode assign = bad.await("assign");
        long lease = assign.path("lease").asLong();

        bad.send("this is not json");
        assertThat(nonFatalError(bad, "bad-json").path("message").asText()).contains("not valid JSON");
        bad.sendBinary(new byte[] {1, 2, 3});
        assertThat(nonFatalError(bad, "bad-json").path("message").asText()).contains("binary frame");
        bad.send("{\"type\":\"launch-missiles\"}");
        assertThat(nonFatalError(bad, "unknown-type").path("message").asText()).contains("launch-missiles");
        bad.send("{\"type\":\"finished\",\"outcome\":\"success\"}");
        assertThat(nonFatalError(bad, "bad-message").path("message").asText()).contains("'lease'");
        bad.send("{\"type\":\"finished\",\"lease\":" + lease + ",\"outcome\":\"done\"}");
        assertThat(nonFatalError(bad, "bad-message").path("message").asText()).contains("'outcome'");
        bad.send("{\"type\":\"progress\",\"lease\":" + lease + ",\"log\":\"" + "x".repeat(1024 * 1024 + 10) + "\"}");
        assertThat(nonFatalError(bad, "too-large").path("message").asText()).contains("limit is 1048576 bytes");
        bad.send(Map.of("type", "finished", "lease", lease + 100_000, "outcome", "success", "exitCode", 0,
                "durationMs", 1));
        nonFatalError(bad, "stale-lease");
        assertThat(bad.isClosed()).as("non-fatal errors keep the connection").isFalse();

        good.autoRun("success");
        assertThat(good.await("job-complete").path("outcome").asText()).isEqualTo("success");

        // The bad peer's own job was not disturbed either: its real lease still counts.
        bad.autoRun("success");
        assertThat(bad.await("job-complete").path("outcome").asText()).isEqualTo("success");
        assertThat(bad.received("ack")).extracting(a -> a.path("lease").asLong()).contains(lease);
    }

    @Test
    void firstFrameThatIsNotHelloIsFatal() {
        RawPeer p = peer("eager");
        p.send("{\"type\":\"started\",\"lease\":1}");
        assertThat(fatalErrorThenClosed(p, "not-hello").path("message").asText()).contains("'started'");
    }

    @Test
    void brokenFirstFrameIsFatal() {
        RawPeer p = peer("garbled");
        p.send("{oops");
        assertThat(fatalErrorThenClosed(p, "bad-json").path("message").asText()).contains("first frame");
    }

    @Test
    void helloWithoutPeerIdIsFatalBadMessage() {
        RawPeer p = peer("anonymous");
        Map<String, Object> hello = new HashMap<>(RawPeer.hello("x", "s", taskIds("a", 1)));
        hello.remove("peer");
        p.send(hello);
        assertThat(fatalErrorThenClosed(p, "bad-message").path("message").asText()).contains("'peer'");
    }

    @Test
    void wrongProtocolVersionIsFatal() {
        RawPeer p = peer("future");
        p.send(RawPeer.hello("future", "s", taskIds("a", 1), Map.of("protocol", 2)));
        assertThat(fatalErrorThenClosed(p, "protocol-version").path("message").asText())
                .contains("speaks protocol 1").contains("says 2");
    }

    @Test
    void invalidSchemaIsFatalAndNamesTheProblem() {
        RawPeer p = peer("dup");
        p.send(RawPeer.hello("dup", "dups", List.of("a", "a", "b")));
        assertThat(fatalErrorThenClosed(p, "invalid-schema").path("message").asText()).contains("'a'");
    }

    @Test
    void schemaWithACycleOrUnknownNeedIsFatal() {
        RawPeer p = peer("cyclic");
        p.send(RawPeer.hello("cyclic", "cycle", List.of("a"), Map.of("schema", Map.of("name", "cycle", "tasks",
                List.of(Map.of("id", "a", "needs", List.of("b")), Map.of("id", "b", "needs", List.of("a")),
                        Map.of("id", "c", "needs", List.of("ghost")))))));
        String message = fatalErrorThenClosed(p, "invalid-schema").path("message").asText();
        assertThat(message).contains("cycle").contains("ghost");
    }

    @Test
    void noHelloInTimeIsFatal() {
        RawPeer p = peer("silent");
        assertThat(fatalErrorThenClosed(p, "hello-timeout").path("message").asText())
                .contains(TEST_HELLO_TIMEOUT_MS + " ms");
    }

    @Test
    void aRefusedPeerDoesNotJoinAndCanRetryWithAGoodHello() {
        RawPeer refused = peer("retry");
        refused.send(RawPeer.hello("retry", "s", taskIds("a", 1), Map.of("protocol", 0)));
        fatalErrorThenClosed(refused, "protocol-version");

        RawPeer again = peer("retry-2");
        again.send(RawPeer.hello("retry", "s", taskIds("a", 1)));
        again.await("welcome");
        again.autoRun("success");
        assertThat(again.await("job-complete").path("outcome").asText()).isEqualTo("success");
    }

    @Test
    void framesAfterGoodbyeAreAnsweredNotIgnored() {
        RawPeer p = peer("leaving");
        p.send(RawPeer.hello("leaving", "bye", taskIds("a", 1)));
        p.await("welcome");
        long lease = p.await("assign").path("lease").asLong();
        p.send(Map.of("type", "goodbye"));
        p.send(Map.of("type", "finished", "lease", lease, "outcome", "success", "exitCode", 0, "durationMs", 1));
        JsonNode error = p.awaitError("after-goodbye");
        assertThat(error.path("fatal").asBoolean()).isFalse();
        assertThat(error.path("message").asText()).contains("said goodbye").contains("'finished' was not processed");
        assertThat(p.received("ack")).as("the result after goodbye was not taken").isEmpty();
    }
}
