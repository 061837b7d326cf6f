package io.taskshard.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskshard.model.RepoEntry;
import io.taskshard.model.Resources;
import io.taskshard.model.TaskSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProtocolCodecTest {
    private final ProtocolCodec codec = new ProtocolCodec();

    private PeerMessage ok(String json) {
        ProtocolCodec.Decoded d = codec.decode(json);
        assertThat(d).as("decode %s", json).isInstanceOf(ProtocolCodec.Decoded.Ok.class);
        return ((ProtocolCodec.Decoded.Ok) d).message();
    }

    private ProtocolCodec.Decoded.Failed failed(String json) {
        ProtocolCodec.Decoded d = codec.decode(json);
        assertThat(d).as("decode %s", json).isInstanceOf(ProtocolCodec.Decoded.Failed.class);
        return (ProtocolCodec.Decoded.Failed) d;
    }

    // --- every peer message --------------------------------------------------------------

    @Test
    void fullHelloDecodesEveryField() {
        PeerMessage m = ok("""
                {"type":"hello","protocol":1,"peer":"ci-1",
                 "schema":{"name":"build","tasks":[
                   {"id":"a","target":"//a:all","timeout":"30s","simulate":"2s"},
                   {"id":"b","command":"make b","needs":["a"],"priority":5,"attempts":2,
                    "resources":{"cpu":2,"memoryMb":512},"labels":["linux"]}]},
                 "cacheId":"cache-7",
                 "repoState":{"main":{"baseRef":"abc","patchset":"p1","additionalPatchsets":["p2"]}},
                 "complexPatchset":true,"slots":4,"labels":["linux","big"],
                 "resources":{"cpu":8,"memoryMb":16000},
                 "pipeline":{"name":"gate","type":"dependent"},
                 "running":[{"lease":12,"task":"a"}],
                 "futureField":{"ignored":true}}
                """);
        PeerMessage.Hello h = (PeerMessage.Hello) m;
        assertThat(h.protocol()).isEqualTo(1);
        assertThat(h.peer()).isEqualTo("ci-1");
        assertThat(h.schema().name()).isEqualTo("build");
        TaskSpec a = h.schema().tasks().get(0);
        assertThat(a.target()).isEqualTo("//a:all");
        assertThat(a.timeoutMs()).isEqualTo(30_000);
        assertThat(a.extra()).containsEntry("simulate", "2s");
        TaskSpec b = h.schema().tasks().get(1);
        assertThat(b.command()).isEqualTo("make b");
        assertThat(b.needs()).containsExactly("a");
        assertThat(b.priority()).isEqualTo(5);
        assertThat(b.attempts()).isEqualTo(2);
        assertThat(b.resources()).isEqualTo(new Resources(2, 512));
        assertThat(b.labels()).containsExactly("linux");
        assertThat(h.cacheId()).isEqualTo("cache-7");
        assertThat(h.repoState()).containsEntry("main", new RepoEntry("abc", "p1", List.of("p2")));
        assertThat(h.complexPatchset()).isTrue();
        assertThat(h.slots()).isEqualTo(4);
        assertThat(h.labels()).containsExactly("linux", "big");
        assertThat(h.resources()).isEqualTo(new Resources(8, 16000));
        assertThat(h.pipeline()).isEqualTo(new PeerMessage.Pipeline("gate", "dependent"));
        assertThat(h.running()).containsExactly(new PeerMessage.RunningLease(12, "a"));
        assertThat(h.worker()).isFalse();
    }

    @Test
    void minimalHelloGetsDefaults() {
        PeerMessage.Hello h = (PeerMessage.Hello) ok("""
                {"type":"hello","protocol":1,"peer":"p","schema":{"name":"s","tasks":[{"id":"t"}]}}""");
        assertThat(h.slots()).isEqualTo(1);
        assertThat(h.cacheId()).isEmpty();
        assertThat(h.labels()).isEmpty();
        assertThat(h.running()).isEmpty();
        assertThat(h.resources()).isEqualTo(Resources.NONE);
        assertThat(h.schema().tasks().get(0).attempts()).isEqualTo(TaskSpec.DEFAULT_ATTEMPTS);
    }

    @Test
    void workerHelloNeedsNoSchema() {
        PeerMessage.Hello h = (PeerMessage.Hello) ok("""
                {"type":"hello","protocol":1,"peer":"w1","worker":true,"slots":2}""");
        assertThat(h.worker()).isTrue();
        assertThat(h.schema()).isNull();
    }

    @Test
    void helloWithOtherProtocolVersionStillDecodesSoTheEndpointCanAnswerProtocolVersion() {
        PeerMessage.Hello h = (PeerMessage.Hello) ok("""
                {"type":"hello","protocol":2,"peer":"p","schema":{"name":"s","tasks":[]}}""");
        assertThat(h.protocol()).isEqualTo(2);
    }

    @Test
    void startedProgressHeartbeatGoodbye() {
        assertThat(ok("{\"type\":\"started\",\"lease\":7}")).isEqualTo(new PeerMessage.Started(7));
        assertThat(ok("{\"type\":\"progress\",\"lease\":7,\"log\":\"50%\"}"))
                .isEqualTo(new PeerMessage.Progress(7, "50%"));
        assertThat(ok("{\"type\":\"progress\",\"lease\":7}")).isEqualTo(new PeerMessage.Progress(7, null));
        assertThat(ok("{\"type\":\"heartbeat\",\"running\":[3,4]}"))
                .isEqualTo(new PeerMessage.Heartbeat(List.of(3L, 4L)));
        assertThat(ok("{\"type\":\"heartbeat\"}")).isEqualTo(new PeerMessage.Heartbeat(null));
        assertThat(ok("{\"type\":\"goodbye\"}")).isEqualTo(new PeerMessage.Goodbye());
    }

    @Test
    void finishedWithAllFieldsAndWithOnlyTheRequiredOnes() {
        assertThat(ok("""
                {"type":"finished","lease":9,"outcome":"failure","exitCode":3,"durationMs":1200,
                 "log":"boom","retryable":false}"""))
                .isEqualTo(new PeerMessage.Finished(9, Outcome.FAILURE, 3, 1200, "boom", false));
        assertThat(ok("{\"type\":\"finished\",\"lease\":9,\"outcome\":\"error\"}"))
                .isEqualTo(new PeerMessage.Finished(9, Outcome.ERROR, null, 0, null, null));
        assertThat(((PeerMessage.Finished) ok("{\"type\":\"finished\",\"lease\":1,\"outcome\":\"success\"}"))
                .outcome()).isEqualTo(Outcome.SUCCESS);
    }

    // --- every error code ----------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "not json at all       | not valid JSON",
        "{\"type\":\"started\" | not valid JSON",
        "[1,2]                 | must be one JSON object, got list",
        "\"hello\"             | must be one JSON object, got string",
        "{\"type\":\"goodbye\"} trailing | not valid JSON",
        "{\"type\":\"goodbye\",\"type\":\"goodbye\"} | not valid JSON",
    })
    void badJson(String frame, String expected) {
        var f = failed(frame);
        assertThat(f.code()).isEqualTo(ErrorCode.BAD_JSON);
        assertThat(f.message()).contains(expected);
    }

    @Test
    void emptyFrameIsBadJson() {
        assertThat(failed("").code()).isEqualTo(ErrorCode.BAD_JSON);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "{\"lease\":1}                 | no 'type' field",
        "{\"type\":7}                  | 'type' must be a string, got integer 7",
        "{\"type\":\"launch\"}         | unknown message type 'launch'",
        "{\"type\":\"welcome\"}        | unknown message type 'welcome'",
    })
    void unknownType(String frame, String expected) {
        var f = failed(frame);
        assertThat(f.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
        assertThat(f.message()).contains(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "{\"type\":\"finished\",\"outcome\":\"success\"}              | finished: missing required field 'lease'",
        "{\"type\":\"finished\",\"lease\":\"7\",\"outcome\":\"success\"} | 'lease' must be an integer, got string \"7\"",
        "{\"type\":\"finished\",\"lease\":1.5,\"outcome\":\"success\"}   | 'lease' must be an integer, got number 1.5",
        "{\"type\":\"finished\",\"lease\":0,\"outcome\":\"success\"}     | 'lease' must be at least 1, got 0",
        "{\"type\":\"finished\",\"lease\":1}                          | missing required field 'outcome'",
        "{\"type\":\"finished\",\"lease\":1,\"outcome\":\"ok\"}         | 'outcome' must be success, failure or error, got string \"ok\"",
        "{\"type\":\"finished\",\"lease\":1,\"outcome\":\"success\",\"exitCode\":\"0\"} | 'exitCode' must be an integer",
        "{\"type\":\"finished\",\"lease\":1,\"outcome\":\"success\",\"durationMs\":-1} | 'durationMs' must be at least 0, got -1",
        "{\"type\":\"finished\",\"lease\":1,\"outcome\":\"success\",\"retryable\":\"yes\"} | 'retryable' must be true or false",
        "{\"type\":\"started\"}                                         | started: missing required field 'lease'",
        "{\"type\":\"progress\",\"lease\":2,\"log\":5}                  | 'log' must be a string, got integer 5",
        "{\"type\":\"heartbeat\",\"running\":\"3\"}                     | 'running' must be a list of leases",
        "{\"type\":\"heartbeat\",\"running\":[3,\"x\"]}                 | 'running[1]' must be an integer",
    })
    void badMessageForLeaseFrames(String frame, String expected) {
        var f = failed(frame);
        assertThat(f.code()).isEqualTo(ErrorCode.BAD_MESSAGE);
        assertThat(f.message()).contains(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "{\"protocol\":1,\"schema\":{\"name\":\"s\",\"tasks\":[]}}            | missing required field 'peer'",
        "{\"protocol\":1,\"peer\":\"\",\"schema\":{\"name\":\"s\",\"tasks\":[]}} | missing required field 'peer'",
        "{\"protocol\":1,\"peer\":7,\"schema\":{\"name\":\"s\",\"tasks\":[]}}   | 'peer' must be a string, got integer 7",
        "{\"peer\":\"p\",\"schema\":{\"name\":\"s\",\"tasks\":[]}}              | missing required field 'protocol'",
        "{\"protocol\":\"1\",\"peer\":\"p\",\"schema\":{\"name\":\"s\",\"tasks\":[]}} | 'protocol' must be an integer",
        "{\"protocol\":1,\"peer\":\"p\"}                                        | missing required field 'schema'",
        "{\"protocol\":1,\"peer\":\"p\",\"schema\":[]}                          | 'schema' must be an object, got list",
        "{\"protocol\":1,\"peer\":\"p\",\"schema\":{\"tasks\":[]}}              | missing required field 'schema.name'",
        "{\"protocol\":1,\"peer\":\"p\",\"schema\":{\"name\":\"s\"}}            | missing required field 'schema.tasks'",
        "{\"protocol\":1,\"peer\":\"p\",\"schema\":{\"name\":\"s\",\"tasks\":{}}} | 'schema.tasks' must be a list",
        "{\"protocol\":1,\"peer\":\"p\",\"schema\":{\"name\":\"s\",\"tasks\":[7]}} | 'schema.tasks[0]' must be an object",
        "{\"protocol\":1,\"peer\":\"p\",\"schema\":{\"name\":\"s\",\"tasks\":[{\"target\":\"x\"}]}} | schema.tasks[0]: task needs a non-empty string 'id'",
        "{\"protocol\":1,\"peer\":\"p\",\"schema\":{\"name\":\"s\",\"tasks\":[{\"id\":\"a\",\"attempts\":0}]}} | attempts must be at least 1",
        "{\"protocol\":1,\"peer\":\"p\",\"schema\":{\"name\":\"s\",\"tasks\":[{\"id\":\"a\",\"timeout\":\"soon\"}]}} | bad duration 'soon'",
        "{\"protocol\":1,\"peer\":\"p\",\"worker\":true,\"slots\":0}            | 'slots' must be at least 1, got 0",
        "{\"protocol\":1,\"peer\":\"p\",\"worker\":true,\"slots\":\"2\"}        | 'slots' must be an integer",
        "{\"protocol\":1,\"peer\":\"p\",\"worker\":\"yes\"}                     | 'worker' must be true or false",
        "{\"protocol\":1,\"peer\":\"p\",\"worker\":true,\"labels\":[1]}         | 'labels[0]' must be a string",
        "{\"protocol\":1,\"peer\":\"p\",\"worker\":true,\"resources\":{\"cpu\":-1}} | 'resources.cpu' must be a number >= 0",
        "{\"protocol\":1,\"peer\":\"p\",\"worker\":true,\"resources\":{\"memoryMb\":1.5}} | 'resources.memoryMb' must be an integer",
        "{\"protocol\":1,\"peer\":\"p\",\"worker\":true,\"pipeline\":{\"type\":\"serial\"}} | 'pipeline.type' must be independent or dependent",
        "{\"protocol\":1,\"peer\":\"p\",\"worker\":true,\"running\":[{\"task\":\"a\"}]} | missing required field 'running[0].lease'",
        "{\"protocol\":1,\"peer\":\"p\",\"worker\":true,\"running\":[{\"lease\":3}]} | missing required field 'running[0].task'",
        "{\"protocol\":1,\"peer\":\"p\",\"worker\":true,\"repoState\":{\"main\":{\"baseRef\":1}}} | 'repoState.main.baseRef' must be a string",
        "{\"protocol\":1,\"peer\":\"p\",\"worker\":true,\"repoState\":{\"main\":{\"additionalPatchsets\":\"p\"}}} | 'repoState.main.additionalPatchsets' must be a list of strings",
        "{\"protocol\":1,\"peer\":\"p\",\"worker\":true,\"cacheId\":5}          | 'cacheId' must be a string",
    })
    void badMessageForHello(String fields, String expected) {
        var f = failed("{\"type\":\"hello\"," + fields.substring(1));
        assertThat(f.code()).isEqualTo(ErrorCode.BAD_MESSAGE);
        assertThat(f.type()).isEqualTo("hello");
        assertThat(f.message()).startsWith("hello: ").contains(expected);
    }

    @Test
    void tooLargeIsCheckedBeforeParsingAndCountsUtf8Bytes() {
        ProtocolCodec small = new ProtocolCodec(30);
        String ascii = "{\"type\":\"progress\",\"lease\":1,\"log\":\"" + "x".repeat(40) + "\"}";
        var f = (ProtocolCodec.Decoded.Failed) small.decode(ascii);
        assertThat(f.code()).isEqualTo(ErrorCode.TOO_LARGE);
        assertThat(f.message()).contains("limit is 30 bytes");
        // 10 chars, but 30 bytes of UTF-8 plus the braces: over a 30-byte limit.
        assertThat(small.isTooLarge("\"" + "€".repeat(10) + "\"")).isTrue();
        assertThat(small.isTooLarge("€".repeat(10))).isFalse();
        // Not even JSON, but the size is what is reported.
        assertThat(((ProtocolCodec.Decoded.Failed) small.decode("x".repeat(31))).code())
                .isEqualTo(ErrorCode.TOO_LARGE);
    }

    @Test
    void defaultLimitIsOneMebibyte() {
        String big = "{\"type\":\"progress\",\"lease\":1,\"log\":\"" + "x".repeat(1024 * 1024) + "\"}";
        assertThat(failed(big).code()).isEqualTo(ErrorCode.TOO_LARGE);
        String fits = "{\"type\":\"progress\",\"lease\":1,\"log\":\"" + "x".repeat(1024 * 1000) + "\"}";
        assertThat(ok(fits)).isInstanceOf(PeerMessage.Progress.class);
    }

    // --- encoding ------------------------------------------------------------------------

    @Test
    void everyCoordinatorMessageEncodesWithItsType() throws Exception {
        Map<CoordinatorMessage, String> expected = Map.of(
                new CoordinatorMessage.Welcome("p", new CoordinatorMessage.JobInfo(3, "build", 10, 2), 5000),
                "{\"type\":\"welcome\",\"peer\":\"p\",\"job\":{\"id\":3,\"name\":\"build\",\"tasks\":10,\"done\":2},"
                        + "\"heartbeatMs\":5000}",
                new CoordinatorMessage.Assign(11, Map.of("id", "a"), 1, 30000),
                "{\"type\":\"assign\",\"lease\":11,\"task\":{\"id\":\"a\"},\"attempt\":1,\"timeoutMs\":30000}",
                new CoordinatorMessage.Ack(11), "{\"type\":\"ack\",\"lease\":11}",
                new CoordinatorMessage.Cancel(11, "reassigned"), "{\"type\":\"cancel\",\"lease\":11,\"reason\":\"reassigned\"}",
                new CoordinatorMessage.TaskDone(List.of(new CoordinatorMessage.DoneTask("a", "success", "p"))),
                "{\"type\":\"task-done\",\"tasks\":[{\"task\":\"a\",\"outcome\":\"success\",\"by\":\"p\"}]}",
                new CoordinatorMessage.JobComplete(3, "failure", List.of("b"), List.of("c"), 1),
                "{\"type\":\"job-complete\",\"job\":3,\"outcome\":\"failure\",\"failed\":[\"b\"],"
                        + "\"cancelled\":[\"c\"],\"cancelledCount\":1}",
                new CoordinatorMessage.Error("stale-lease", "lease 4 is not current", false),
                "{\"type\":\"error\",\"code\":\"stale-lease\",\"message\":\"lease 4 is not current\",\"fatal\":false}");
        for (var e : expected.entrySet()) {
            JsonNode got = ProtocolCodec.mapper().readTree(codec.encode(e.getKey()));
            assertThat(got).as("%s", e.getKey()).isEqualTo(ProtocolCodec.mapper().readTree(e.getValue()));
            assertThat(codec.decodeCoordinatorMessage(codec.encode(e.getKey()))).isEqualTo(e.getKey());
        }
    }

    @Test
    void jobCompleteWithoutTheCancelledFieldsDecodesAsNothingCancelled() {
        // a coordinator from before the fields were added still talks to new peers
        assertThat(codec.decodeCoordinatorMessage(
                "{\"type\":\"job-complete\",\"job\":3,\"outcome\":\"success\",\"failed\":[]}"))
                .isEqualTo(new CoordinatorMessage.JobComplete(3, "success", List.of()));
    }

    @Test
    void peerMessagesRoundTripThroughEncodeAndDecode() {
        TaskSpec spec = new TaskSpec("b", null, "make b", 2, 4, 1500, List.of("a"), new Resources(1, 64),
                List.of("gpu"), Map.of("simulate", "1s"));
        List<PeerMessage> all = List.of(
                new PeerMessage.Hello(1, "p", new PeerMessage.SchemaMsg("s", List.of(TaskSpec.ofTarget("a", "//a"), spec)),
                        "c", Map.of("r", new RepoEntry("base", "ps", List.of("x"))), false, 3, List.of("l"),
                        new Resources(4, 100), new PeerMessage.Pipeline("pl", "independent"),
                        List.of(new PeerMessage.RunningLease(5, "a")), false),
                new PeerMessage.Started(5), new PeerMessage.Progress(5, "tail"),
                new PeerMessage.Finished(5, Outcome.SUCCESS, 0, 10, "log", true),
                new PeerMessage.Heartbeat(List.of(5L)), new PeerMessage.Goodbye());
        for (PeerMessage m : all) {
            assertThat(ok(codec.encode(m))).isEqualTo(m);
        }
    }

    @Test
    void decodingACoordinatorFrameThatIsNotOneSaysSo() {
        assertThatThrownBy(() -> codec.decodeCoordinatorMessage("{\"type\":\"nope\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad coordinator frame");
    }
}
