package io.taskshard.runners.bazel;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.protocol.Outcome;
import io.taskshard.runners.process.ExitVerdict;
import org.junit.jupiter.api.Test;

class BazelExitCodesTest {

    @Test
    void real_failures_are_final_and_infrastructure_trouble_is_retryable() {
        assertThat(BazelExitCodes.interpret(0)).isEqualTo(new ExitVerdict(Outcome.SUCCESS, null, null));
        assertThat(BazelExitCodes.interpret(1).retryable()).isFalse();
        assertThat(BazelExitCodes.interpret(3).retryable()).isFalse();
        assertThat(BazelExitCodes.interpret(4).retryable()).isFalse();
        for (int code : new int[] {9, 32, 33, 34, 36, 37, 38, 39, 45, 48}) {
            assertThat(BazelExitCodes.interpret(code).retryable()).as("exit %d", code).isTrue();
        }
        assertThat(BazelExitCodes.interpret(2).retryable()).isNull();
        assertThat(BazelExitCodes.interpret(8).retryable()).isNull();
    }

    @Test
    void every_failure_says_what_the_code_means() {
        assertThat(BazelExitCodes.interpret(39).note())
                .isEqualTo("bazel exit code 39: the remote cache evicted outputs the build needed; worth retrying");
        assertThat(BazelExitCodes.interpret(137).note()).contains("killed by signal 9 (SIGKILL)").contains("not a known Bazel exit code");
        assertThat(BazelExitCodes.interpret(1).outcome()).isEqualTo(Outcome.FAILURE);
    }
}
