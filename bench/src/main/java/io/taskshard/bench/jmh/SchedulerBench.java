package io.taskshard.bench.jmh;

import io.taskshard.model.RecoveredState;
import io.taskshard.model.Resources;
import io.taskshard.model.TaskSpec;
import io.taskshard.protocol.CoordinatorMessage;
import io.taskshard.protocol.Outcome;
import io.taskshard.protocol.PeerMessage;
import io.taskshard.scheduler.Decision;
import io.taskshard.scheduler.Event;
import io.taskshard.scheduler.Scheduler;
import io.taskshard.scheduler.SchedulerConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The scheduler's hot paths on a job of {@code tasks} tasks shared by {@code peers} one-slot
 * peers, all busy: a peer finishing and being handed the next task, and a peer leaving (its
 * task goes back to the queue) then another joining and taking it. Pure {@code Scheduler.handle}
 * calls: no network, no store. Each iteration starts from a fresh scheduler; one op is one
 * finish+assign or one leave+join; an invocation runs {@link #OPS} of them on the fresh state and
 * JMH reports the time per op.
 *
 * <pre>
 * ./taskshard bench scheduler --tasks 1000,100000,1000000 --peers 10
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-XX:+UseParallelGC"})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@OperationsPerInvocation(SchedulerBench.OPS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class SchedulerBench {
    /** Ops per measured batch: few enough that a 1,000-task job with 10 peers never runs dry. */
    static final int OPS = 500;
    private static final String SCHEMA = "bench";

    @Param({"1000", "100000", "1000000"})
    int tasks;

    @Param({"10", "1000", "10000"})
    int peers;

    private Scheduler scheduler;
    private PeerMessage.SchemaMsg schema;
    private String schemaHash;
    /** The live lease of each peer, by peer index. */
    private long[] leaseOf;
    private final Map<String, Integer> indexOf = new HashMap<>();
    private final List<Decision> out = new ArrayList<>();
    private long now;
    private int next;
    private int joined;

    @Setup(Level.Iteration)
    public void setUp() {
        if (tasks < peers + OPS) {
            throw new IllegalArgumentException("tasks must be at least peers + " + OPS + " so every op has work");
        }
        List<TaskSpec> specs = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            specs.add(TaskSpec.ofTarget("t" + i, "//bench:t" + i));
        }
        schema = new PeerMessage.SchemaMsg(SCHEMA, specs);
        schemaHash = "bench-" + tasks; // hashing is done on network threads in production, not here
        scheduler = new Scheduler(SchedulerConfig.defaults(), RecoveredState.EMPTY, 0);
        leaseOf = new long[peers + OPS + 1];
        indexOf.clear();
        now = 1;
        next = 0;
        joined = 0;
        for (int p = 0; p < peers; p++) {
            join();
        }
        if (indexOf.size() != peers) {
            throw new IllegalStateException("not every peer got a task at setup");
        }
    }

    private void join() {
        int index = joined++;
        String id = "p" + index;
        indexOf.put(id, index);
        PeerMessage.Hello hello = new PeerMessage.Hello(PeerMessage.PROTOCOL_VERSION, id, schema, "", Map.of(),
                false, 1, List.of(), Resources.NONE, null, List.of(), false);
        scheduler.handle(new Event.PeerJoined(hello, schemaHash), now, out);
        take();
    }

    /** Records the leases assigned by the last call and forgets its decisions. */
    private void take() {
        for (Decision d : out) {
            if (d instanceof Decision.Send(String peer, CoordinatorMessage.Assign assign)) {
                leaseOf[indexOf.get(peer)] = assign.lease();
            }
        }
        out.clear();
    }

    /** {@link #OPS} times: a busy peer reports success; the scheduler acks and hands it the next task. */
    @Benchmark
    public long finishAndAssign() {
        long decisions = 0;
        for (int op = 0; op < OPS; op++) {
            int p = next++ % peers;
            now++;
            scheduler.handle(new Event.FromPeer("p" + p, new PeerMessage.Finished(leaseOf[p], Outcome.SUCCESS, 0,
                    10, "", null)), now, out);
            decisions += out.size();
            take();
        }
        return decisions;
    }

    /** {@link #OPS} times: a busy peer says goodbye (its task is ready again); a new peer joins and takes it. */
    @Benchmark
    public long leaveAndJoin() {
        long decisions = 0;
        for (int op = 0; op < OPS; op++) {
            int p = next++;
            now++;
            scheduler.handle(new Event.FromPeer("p" + p, new PeerMessage.Goodbye()), now, out);
            decisions += out.size();
            out.clear();
            join();
        }
        return decisions;
    }
}
