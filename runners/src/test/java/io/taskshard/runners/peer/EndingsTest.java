package io.taskshard.runners.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.protocol.CoordinatorMessage;
import io.taskshard.protocol.ErrorCode;
import io.taskshard.runners.peer.Endings.Action;
import io.taskshard.runners.peer.PeerResult.Status;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EndingsTest {
    @Test
    void jobCompleteOutcomes() {
        assertThat(Endings.jobComplete(new CoordinatorMessage.JobComplete(7, "success", List.of()), "ci"))
                .isEqualTo(new Endings.Ending(Status.SUCCESS, "job 7 'ci' succeeded"));
        assertThat(Endings.jobComplete(new CoordinatorMessage.JobComplete(7, "cancelled", List.of()), "ci").status())
                .isEqualTo(Status.CANCELLED);
        List<String> many = IntStream.range(0, 12).mapToObj(i -> "t" + i).toList();
        Endings.Ending failed = Endings.jobComplete(new CoordinatorMessage.JobComplete(7, "failure", many), "ci");
        assertThat(failed.status()).isEqualTo(Status.FAILURE);
        assertThat(failed.message()).startsWith("job 7 'ci' failed: 12 task(s) failed: t0, t1").endsWith("t9, …");
    }

    @Test
    void aSucceededJobWithCancelledTasksNamesThemAndFailsOnlyWhenAsked() {
        Endings.Ending ending = Endings.jobComplete(
                new CoordinatorMessage.JobComplete(7, "success", List.of(), List.of("//a:b", "//c:d"), 2), "ci");
        assertThat(ending).isEqualTo(new Endings.Ending(Status.SUCCESS, "job 7 'ci' succeeded, but 2 task(s) were"
                + " cancelled (by an operator) and never completed: //a:b, //c:d"));
        PeerResult result = new PeerResult(ending.status(), ending.message(), 7, List.of(), 3, true,
                List.of("//a:b", "//c:d"), 2);
        assertThat(result.exitCode()).isEqualTo(PeerResult.EXIT_SUCCESS);
        assertThat(result.exitCode(false)).isEqualTo(PeerResult.EXIT_SUCCESS);
        assertThat(result.exitCode(true)).isEqualTo(PeerResult.EXIT_FAILURE);
        PeerResult clean = new PeerResult(Status.SUCCESS, "ok", 7, List.of(), 3, true);
        assertThat(clean.exitCode(true)).isEqualTo(PeerResult.EXIT_SUCCESS);
    }

    @Test
    void onlyTheFirstCancelledTasksAreNamed() {
        List<String> many = IntStream.range(0, 100).mapToObj(i -> "t" + i).toList();
        String message = Endings.jobComplete(new CoordinatorMessage.JobComplete(7, "success", List.of(), many, 5000),
                "ci").message();
        assertThat(message).contains("5000 task(s) were cancelled", "t0, t1").endsWith("t9, …").doesNotContain("t10");
    }

    @Test
    void errorsByCodeAndFatality() {
        assertThat(verdict(ErrorCode.STALE_LEASE, false).action()).isEqualTo(Action.QUIET);
        assertThat(verdict(ErrorCode.SCHEMA_CONFLICT, false).action()).isEqualTo(Action.TELL);
        assertThat(verdict(ErrorCode.UNAVAILABLE, true).action()).isEqualTo(Action.RECONNECT);
        assertThat(verdict(ErrorCode.HELLO_TIMEOUT, true).action()).isEqualTo(Action.RECONNECT);
        for (String code : List.of(ErrorCode.PROTOCOL_VERSION, ErrorCode.UNAUTHORIZED, ErrorCode.INVALID_SCHEMA,
                ErrorCode.NOT_HELLO)) {
            Endings.Verdict v = verdict(code, true);
            assertThat(v.action()).isEqualTo(Action.END);
            assertThat(v.status()).isEqualTo(Status.REJECTED);
            assertThat(v.message()).contains(code, "why");
        }
        Endings.Verdict replaced = verdict(ErrorCode.REPLACED, true);
        assertThat(replaced.status()).isEqualTo(Status.ERROR);
        assertThat(replaced.message()).contains("peer id 'p'", "--id");
        assertThat(verdict("something-new", true).status()).isEqualTo(Status.ERROR);
    }

    private static Endings.Verdict verdict(String code, boolean fatal) {
        return Endings.error(new CoordinatorMessage.Error(code, "why", fatal), "p");
    }
}
