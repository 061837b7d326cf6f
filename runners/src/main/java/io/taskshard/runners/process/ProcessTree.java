package io.taskshard.runners.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills a process and everything it started, so a cancelled or timed-out task leaves no orphan
 * behind: SIGTERM to the whole tree, then SIGKILL to whatever is still there after a grace period.
 *
 * <p>The tree is read (root plus {@link ProcessHandle#descendants()}) <em>before</em> any signal:
 * once a parent dies its children are re-parented and no longer its descendants. The root is
 * signalled first so a shell cannot start its next command when its current child dies. A process
 * that detaches itself (double fork) between the two snapshots can escape; that would take a
 * process group or cgroup, which Java cannot create portably.
 */
public final class ProcessTree {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessTree.class);

    /** How long to wait for processes to vanish after SIGKILL before reporting them as survivors. */
    static final long KILL_WAIT_MS = 5_000;
    /** How often to look whether signalled processes have gone. */
    static final long POLL_MS = 20;

    private ProcessTree() {
    }

    /**
     * What a kill did.
     *
     * @param signalled   how many processes were sent SIGTERM or SIGKILL
     * @param forced      how many needed SIGKILL after the grace period
     * @param survivors   pids still alive at the end (should be empty)
     */
    public record KillReport(int signalled, int forced, List<Long> survivors) {
    }

    /** Root and all its current descendants, root first. */
    static List<ProcessHandle> snapshot(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        root.descendants().forEach(tree::add);
        return tree;
    }

    /**
     * Kills {@code root} and its descendants; blocks up to {@code graceMs} plus
     * {@link #KILL_WAIT_MS}. Safe to call on a process that already ended.
     */
    public static KillReport kill(ProcessHandle root, long graceMs) throws InterruptedException {
        Map<Long, ProcessHandle> known = new LinkedHashMap<>();
        for (ProcessHandle h : snapshot(root)) {
            known.put(h.pid(), h);
        }
        known.values().forEach(ProcessHandle::destroy);
        int signalled = known.size();

        List<ProcessHandle> left = awaitExit(known.values(), graceMs);
        if (left.isEmpty()) {
            return new KillReport(signalled, 0, List.of());
        }
        // Read the tree again: survivors may have started children during the grace period.
        Map<Long, ProcessHandle> stubborn = new LinkedHashMap<>();
        for (ProcessHandle h : left) {
            for (ProcessHandle d : snapshot(h)) {
                stubborn.putIfAbsent(d.pid(), d);
            }
        }
        stubborn.values().forEach(ProcessHandle::destroyForcibly);
        List<ProcessHandle> survivors = awaitExit(stubborn.values(), KILL_WAIT_MS);
        if (!survivors.isEmpty()) {
            LOG.warn("processes {} survived SIGKILL (root {})", pids(survivors), root.pid());
        }
        return new KillReport(signalled + (int) stubborn.keySet().stream().filter(p -> !known.containsKey(p)).count(),
                stubborn.size(), pids(survivors));
    }

    /** Waits until every process has exited or {@code millis} have passed; returns those still running. */
    private static List<ProcessHandle> awaitExit(Collection<ProcessHandle> processes, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        List<ProcessHandle> running = new ArrayList<>(processes);
        while (true) {
            running.removeIf(h -> !isRunning(h));
            if (running.isEmpty() || System.nanoTime() >= deadline) {
                return running;
            }
            // Polling: ProcessHandle.onExit() of a process that is not our child polls too, only slower.
            Thread.sleep(POLL_MS);
        }
    }

    /**
     * Alive and not a zombie. The JVM counts a zombie (dead, not yet reaped by its new parent) as
     * alive; in a container whose PID 1 does not reap, a killed grandchild stays a zombie for
     * ever, and waiting for it would turn every cancel into the full grace period plus a SIGKILL.
     * Where there is no {@code /proc} (macOS), the JVM's answer is used.
     */
    static boolean isRunning(ProcessHandle h) {
        if (!h.isAlive()) {
            return false;
        }
        Path stat = Path.of("/proc", Long.toString(h.pid()), "stat");
        if (!Files.isReadable(stat)) {
            return h.isAlive();
        }
        try {
            String text = Files.readString(stat);
            // "pid (command) S ...": the command may hold spaces and parentheses, the state follows the last ')'.
            int close = text.lastIndexOf(')');
            char state = close >= 0 && close + 2 < text.length() ? text.charAt(close + 2) : 'R';
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return h.isAlive(); // it vanished between the two checks, or /proc is odd: ask the JVM again
        }
    }

    private static List<Long> pids(List<ProcessHandle> handles) {
        return handles.stream().map(ProcessHandle::pid).toList();
    }
}
