package io.taskshard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The listen backlog of a real {@code taskshard serve} (issue 19: Jetty's 50 dropped burst
 * connects). Read from the kernel: for a listening socket, {@code ss -ltn} shows the backlog as
 * its Send-Q.
 */
class AcceptQueueTest {
    @TempDir
    Path dir;

    @Test
    void theDefaultBacklogIs1024AndTheFlagSetsIt() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ss")) || Files.isExecutable(Path.of("/bin/ss")),
                "needs ss (iproute2) to read the backlog from the kernel");
        try (ServerProcess server = ServerProcess.start(dir.resolve("a"), dir.resolve("a.log"))) {
            // (the kernel caps it at net.core.somaxconn, 4096 on current kernels)
            assertThat(backlog(server.port())).isEqualTo(HttpLimits.DEFAULT_ACCEPT_QUEUE);
        }
        try (ServerProcess server = ServerProcess.start(dir.resolve("b"), dir.resolve("b.log"), "--accept-queue", "200")) {
            assertThat(backlog(server.port())).isEqualTo(200);
        }
    }

    private static int backlog(int port) throws IOException, InterruptedException {
        Process ss = new ProcessBuilder("ss", "-ltnH", "sport = :" + port).redirectErrorStream(true).start();
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(ss.waitFor(10, TimeUnit.SECONDS)).isTrue();
        // State Recv-Q Send-Q Local-Address:Port Peer-Address:Port
        String[] columns = out.split("\\s+");
        assertThat(columns).as("ss output: %s", out).hasSizeGreaterThanOrEqualTo(4);
        return Integer.parseInt(columns[2]);
    }
}
