package io.taskshard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AttemptState;
import io.taskshard.model.JobRecord;
import io.taskshard.store.SqliteStore;
import io.taskshard.store.Store;
import io.taskshard.store.StoreOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full disk under real {@code serve} processes (issue 19): the data directory is on a
 * small tmpfs that the test fills to the last byte. {@link DiskFullTest} covers the stall in
 * process with SQLite's page cap; this one covers what only a real disk shows:
 * <ol>
 * <li>the running coordinator stalls: the unstored result is not acked, the job that could not be
 *     stored is not welcomed, peers hear {@code unavailable} (not fatal), {@code /healthz} says
 *     503 stalled with the reason; then it is killed (as an OOM or a kill -9 would);</li>
 * <li>a restart on the still full disk, where the SQLite library must be unpacked (a fresh
 *     cache, as for a service user whose cache lives on the data volume), fails: exit 1, with
 *     the real cause (no space left) in its words, not "Successful result [SQLite code 0]";</li>
 * <li>a restart on the still full disk with the library already in place may come up (recovery
 *     only reads; the first write that needs space stalls as in 1) or refuse to start naming the
 *     cause; it loses nothing either way (checked by 4);</li>
 * <li>once space is freed, a restart recovers everything: the acked result is there, the peer
 *     resends the unacked one and is acked, the refused job starts, and the job completes with
 *     every task stored exactly once.</li>
 * </ol>
 * Needs root (mount); skipped with the reason where the tmpfs cannot be mounted.
 */
class DiskFullRestartTest {
    static final List<String> TASKS = List.of("k1", "k2", "k3", "k4");
    /** Big enough that storing this job needs more pages than the WAL already has. */
    static final int BIG_JOB_TASKS = 5_000;
    static final String DISK_SIZE = "16m";
    /** Long enough for the peer to come back to the last restart with its lease still held. */
    static final String GRACE = "120s";
    static final Duration FAILED_START_WITHIN = Duration.ofSeconds(60);
    static final Duration MOUNT_COMMAND_TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private Path disk;
    private boolean mounted;

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            Command umount = run("umount", disk.toString());
            if (umount.exit() != 0) {
                Command lazy = run("umount", "-l", disk.toString());
                assertThat(lazy.exit()).as("umount %s: %s / %s", disk, umount.output(), lazy.output()).isZero();
            }
        }
    }

    @Test
    @Timeout(240)
    void theCoordinatorStallsOnAFullDiskARestartThereSaysWhyAndOnceSpaceIsFreedEverythingIsBack() throws Exception {
        mountSmallDisk();
        Path data = disk.resolve("data");
        Map<String, String> cached = Map.of("XDG_CACHE_HOME", disk.resolve("cache").toString());
        Path filler = disk.resolve("filler");
        long jobId;
        long acked;
        long unacked;
        String unackedTask;

        // 1. The disk fills under the running coordinator: it stalls, acks nothing unstored.
        try (ServerProcess first = ServerProcess.start(data, dir.resolve("first.log"), cached, "--grace", GRACE);
                RawPeer worker = RawPeer.connect(first.port(), "worker")) {
            worker.send(RawPeer.hello("worker", "kept", TASKS));
            jobId = worker.await("welcome").path("job").path("id").asLong();
            acked = worker.await("assign").path("lease").asLong();
            worker.send(finished(acked));
            assertThat(worker.await("ack").path("lease").asLong()).isEqualTo(acked);
            JsonNode second = worker.await("assign");
            unacked = second.path("lease").asLong();
            unackedTask = second.path("task").path("id").asText();

            long filled = fill(filler);
            try (RawPeer big = RawPeer.connect(first.port(), "big")) {
                big.send(RawPeer.hello("big", "big", ids("b", BIG_JOB_TASKS)));
                JsonNode error = big.awaitError("unavailable");
                assertThat(error.path("fatal").asBoolean()).as("peers stay connected").isFalse();
                assertThat(error.path("message").asText()).contains("database or disk is full");
                worker.send(finished(unacked));
                ApiClient.Response health = new ApiClient(first.port()).get("/healthz");
                assertThat(health.status()).isEqualTo(503);
                assertThat(health.json().path("status").asText()).isEqualTo("stalled");
                assertThat(health.json().path("message").asText()).contains("database or disk is full");
                worker.send(Map.of("type", "heartbeat")); // queued behind the held batch
                assertThat(big.received("welcome")).as("a job that could not be stored is not welcomed").isEmpty();
                assertThat(worker.received("ack")).extracting(a -> a.path("lease").asLong())
                        .as("only the result stored before the disk filled is acked").containsExactly(acked);
                assertThat(first.isAlive()).as("stalled, not dead").isTrue();
                System.out.printf("DiskFullRestartTest: %s tmpfs filled with %d bytes; stalled: %s%n", DISK_SIZE,
                        filled, health.json().path("message").asText());
                first.kill();
            }
        }

        // 2. A restart on the full disk that must unpack the SQLite library fails, naming the cause.
        Path freshCacheLog = dir.resolve("restart-full-fresh-cache.log");
        Files.createFile(freshCacheLog);
        int exit = ServerProcess.runExpectingExit(data, freshCacheLog,
                Map.of("XDG_CACHE_HOME", disk.resolve("fresh-cache").toString()), FAILED_START_WITHIN, "--grace", GRACE);
        String words = Files.readString(freshCacheLog);
        assertThat(exit).as("exit code; log:\n%s", words).isEqualTo(1);
        assertThat(words.toLowerCase(Locale.ROOT)).as("names the real cause").containsAnyOf("no space left",
                "disk is full");
        assertThat(words).doesNotContain("Successful result").doesNotContain("SQLite code 0");
        System.out.printf("DiskFullRestartTest: restart on the full disk (library to unpack): exit %d: %s%n", exit,
                lastLines(words, 3));

        // 3. A restart on the full disk with the library in place: whatever it does, it loses nothing.
        Path cachedLog = dir.resolve("restart-full-cached.log");
        Files.createFile(cachedLog);
        String outcome = restartOnFullDiskWithLibraryInPlace(data, cachedLog, cached);
        System.out.printf("DiskFullRestartTest: restart on the full disk (library in place): %s%n", outcome);

        // 4. Space is freed: a restart recovers everything.
        Files.delete(filler);
        try (ServerProcess last = ServerProcess.start(data, dir.resolve("last.log"), cached, "--grace", GRACE);
                RawPeer worker = RawPeer.connect(last.port(), "worker");
                RawPeer big = RawPeer.connect(last.port(), "big")) {
            worker.send(RawPeer.hello("worker", "kept", TASKS, Map.of("running",
                    List.of(Map.of("lease", unacked, "task", unackedTask)))));
            JsonNode welcome = worker.await("welcome");
            assertThat(welcome.path("job").path("id").asLong()).as("the same job").isEqualTo(jobId);
            assertThat(welcome.path("job").path("done").asInt()).as("the acked result survived").isEqualTo(1);
            worker.send(finished(unacked)); // resent, as a peer resends every unacked result
            assertThat(worker.await("ack", a -> a.path("lease").asLong() == unacked)).isNotNull();
            big.send(RawPeer.hello("big", "big", ids("b", BIG_JOB_TASKS)));
            assertThat(big.await("welcome").path("job").path("tasks").asInt()).isEqualTo(BIG_JOB_TASKS);
            worker.autoRun("success");
            assertThat(worker.await("job-complete").path("outcome").asText()).isEqualTo("success");
            assertThat(worker.received("error")).as("no stale-lease or other errors").isEmpty();
            big.close();
            worker.close();
            assertThat(last.terminate()).as("exit code after SIGTERM; log:\n%s", last.logText()).isZero();
        }
        try (Store store = SqliteStore.open(data, StoreOptions.DEFAULTS)) {
            JobRecord job = store.job(jobId).orElseThrow().job();
            assertThat(job.doneCount()).isEqualTo(TASKS.size());
            Map<String, Long> successes = store.job(jobId).orElseThrow().attempts().stream()
                    .filter(a -> a.state() == AttemptState.SUCCEEDED)
                    .collect(Collectors.groupingBy(AttemptRecord::taskId, Collectors.counting()));
            assertThat(successes).as("every task stored exactly once").containsOnlyKeys(TASKS)
                    .allSatisfy((task, n) -> assertThat(n).isEqualTo(1L));
            assertThat(store.job(jobId).orElseThrow().attempts()).filteredOn(a -> a.lease() == acked || a.lease() == unacked)
                    .extracting(AttemptRecord::state).containsOnly(AttemptState.SUCCEEDED).hasSize(2);
            assertThat(store.recentJobs(10)).extracting(JobRecord::name).as("the refused job exactly once, after space")
                    .containsOnlyOnce("big");
        }
    }

    /**
     * Starts serve on the still full disk with the SQLite library already unpacked; returns what
     * happened in words. It may not come up (then it must name the cause) or come up (recovery
     * only reads): either is fine; losing anything is not, which the restart after it checks.
     */
    private String restartOnFullDiskWithLibraryInPlace(Path data, Path log, Map<String, String> env)
            throws Exception {
        ServerProcess up;
        try {
            up = ServerProcess.start(data, log, env, "--grace", GRACE);
        } catch (IllegalStateException didNotStart) {
            String words = Files.readString(log);
            assertThat(words).doesNotContain("Successful result");
            assertThat(words.toLowerCase(Locale.ROOT)).as("names the real cause; log:\n%s", words)
                    .containsAnyOf("no space left", "disk is full");
            return "did not start: " + lastLines(words, 2);
        }
        try (up) {
            ApiClient.Response health = new ApiClient(up.port()).get("/healthz");
            assertThat(health.status()).as("ok, or stalled saying why").isIn(200, 503);
            String said = health.status() + " " + health.json();
            up.kill();
            assertThat(up.logText()).doesNotContain("Successful result");
            return "came up, /healthz " + said;
        }
    }

    private void mountSmallDisk() throws Exception {
        Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux"),
                "a tmpfs to fill needs Linux");
        disk = Files.createDirectories(dir.resolve("disk"));
        Command mount = run("mount", "-t", "tmpfs", "-o", "size=" + DISK_SIZE + ",mode=0755", "tmpfs", disk.toString());
        Assumptions.assumeTrue(mount.exit() == 0, () -> "cannot mount a " + DISK_SIZE + " tmpfs to fill (needs root and"
                + " permission to mount; here: exit " + mount.exit() + ", " + mount.output().strip() + ")");
        mounted = true;
    }

    /** Writes zeros until the disk is full (ENOSPC); returns how many bytes went in. */
    private static long fill(Path filler) {
        long written = 0;
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (int size = block.length; size > 0; size /= 2) {
                try {
                    while (true) {
                        out.write(block, 0, size);
                        out.flush();
                        written += size;
                    }
                } catch (IOException full) {
                    // this size no longer fits: try a smaller one, down to one byte
                }
            }
        } catch (IOException closing) {
            // the last partial write may fail again on close: the disk is full, which is the point
        }
        return written;
    }

    private static List<String> ids(String prefix, int n) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(prefix + i);
        }
        return ids;
    }

    private static String lastLines(String text, int n) {
        List<String> lines = text.strip().lines().toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }

    private static Map<String, Object> finished(long lease) {
        return Map.of("type", "finished", "lease", lease, "outcome", "success", "exitCode", 0, "durationMs", 3);
    }

    private record Command(int exit, String output) {
    }

    private static Command run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(MOUNT_COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            return new Command(-1, String.join(" ", command) + " timed out");
        }
        return new Command(p.exitValue(), output);
    }
}
