package io.taskshard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code serve} whose coordinator cannot go on exits non-zero by itself, saying why, so that
 * systemd's {@code Restart=on-failure} starts a fresh one (issue 19). Both cases run a real child
 * JVM and wait for its exit with a timeout; neither needs minutes of GC thrash:
 * <ul>
 * <li>out of memory, under the JVM options the launcher and the packages use
 *     ({@code -XX:+ExitOnOutOfMemoryError}): one hello far bigger than a 64 MB heap runs the
 *     coordinator out of memory at once, and the JVM exits 3 on that first OutOfMemoryError,
 *     whichever thread hit it;</li>
 * <li>a coordinator that fails for good without running out of memory (here its database
 *     refuses a batch for a permanent reason): {@code serve} itself logs why and exits 1.</li>
 * </ul>
 * (That an Error thrown in the loop itself fails the coordinator like this is
 * {@code coordinator.LoopErrorTest}; the old version of this test waited for such an Error to
 * come from a real OutOfMemoryError and took minutes, so it was disabled.)
 */
class FailedCoordinatorExitsTest {
    /** A hello of this many tasks needs several times a 64 MB heap to parse and hold. */
    static final int TASKS_IN_TOO_BIG_HELLO = 300_000;
    static final String SMALL_HEAP = "-Xmx64m";
    /** What {@code ./taskshard} and the jpackage launchers run the JVM with. */
    static final String LAUNCHER_OOM_OPTION = "-XX:+ExitOnOutOfMemoryError";
    /** HotSpot's exit status after -XX:+ExitOnOutOfMemoryError. */
    static final int JVM_OOM_EXIT = 3;
    static final Duration EXIT_WITHIN = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void theLaunchersRunTheJvmWithExitOnOutOfMemoryError() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        for (String launcher : List.of("taskshard", "packaging/jpackage/build.sh")) {
            Path file = root.resolve(launcher);
            Assumptions.assumeTrue(Files.isRegularFile(file), () -> "not run from the source tree: no " + file);
            assertThat(Files.readString(file)).as("%s: the option the test below runs serve with", launcher)
                    .contains(LAUNCHER_OOM_OPTION);
        }
    }

    @Test
    @Timeout(60)
    void outOfMemoryUnderTheLaunchersOptionsExitsAtOnceWithTheReason() throws Exception {
        Path log = dir.resolve("serve.log");
        Files.createFile(log);
        List<String> ids = new ArrayList<>(TASKS_IN_TOO_BIG_HELLO);
        for (int i = 0; i < TASKS_IN_TOO_BIG_HELLO; i++) {
            ids.add("t" + i);
        }
        String hello = RawPeer.toJson(RawPeer.hello("greedy", "too-big", ids)); // built before the clock starts
        try (ServerProcess serve = ServerProcess.start(List.of(SMALL_HEAP, LAUNCHER_OOM_OPTION), dir.resolve("data"),
                log, "--max-tasks", "100000000", "--max-total-tasks", "1000000000", "--max-tasks-per-token",
                "1000000000", "--max-frame-bytes", "100000000")) {
            long sent = System.nanoTime();
            try (RawPeer p = RawPeer.connect(serve.port(), "greedy")) {
                p.send(hello);
                Integer exit = serve.awaitExit(EXIT_WITHIN);
                long tookMs = Duration.ofNanos(System.nanoTime() - sent).toMillis();
                assertThat(exit).as("exit code within %s of the hello; log:\n%s", EXIT_WITHIN, tail(serve.logText()))
                        .isEqualTo(JVM_OOM_EXIT);
                assertThat(serve.stdoutText()).as("HotSpot's last words (on stdout)")
                        .contains("Terminating due to java.lang.OutOfMemoryError");
                System.out.printf("FailedCoordinatorExitsTest: a hello of %d tasks to serve %s %s: exit %d after"
                        + " %d ms%n", TASKS_IN_TOO_BIG_HELLO, SMALL_HEAP, LAUNCHER_OOM_OPTION, exit, tookMs);
            }
        }
    }

    @Test
    @Timeout(60)
    void aCoordinatorWhoseDatabaseRefusesABatchForGoodExitsOneSayingWhy() throws Exception {
        Path data = dir.resolve("data");
        Path log = dir.resolve("serve.log");
        Files.createFile(log);
        try (ServerProcess serve = ServerProcess.start(data, log)) {
            try (RawPeer first = RawPeer.connect(serve.port(), "first")) {
                first.send(RawPeer.hello("first", "stored", List.of("a")));
                first.await("welcome"); // the database works: this job is stored
            }
            // The database refuses the next job for a reason no retry mends (a constraint, as a
            // damaged or foreign schema would), set from outside like any other database fault.
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("taskshard.db"));
                    Statement st = c.createStatement()) {
                st.execute("PRAGMA busy_timeout = 10000");
                st.execute("CREATE TRIGGER refuse_doomed BEFORE INSERT ON jobs WHEN NEW.name = 'doomed'"
                        + " BEGIN SELECT RAISE(ABORT, 'injected by the test: no job named doomed'); END");
            }
            long sent = System.nanoTime();
            try (RawPeer doomed = RawPeer.connect(serve.port(), "doomed")) {
                doomed.send(RawPeer.hello("doomed", "doomed", List.of("b")));
                Integer exit = serve.awaitExit(EXIT_WITHIN);
                long tookMs = Duration.ofNanos(System.nanoTime() - sent).toMillis();
                String text = serve.logText();
                assertThat(exit).as("exit code within %s; log:\n%s", EXIT_WITHIN, tail(text)).isEqualTo(1);
                assertThat(text).contains("the coordinator failed").contains("exiting with status 1")
                        .contains("injected by the test");
                assertThat(doomed.received("welcome")).as("a job that was not stored is never welcomed").isEmpty();
                System.out.printf("FailedCoordinatorExitsTest: a batch the database refuses for good: exit %d after"
                        + " %d ms%n", exit, tookMs);
            }
        }
    }

    private static String tail(String text) {
        return text.length() < 4_000 ? text : text.substring(text.length() - 4_000);
    }
}
