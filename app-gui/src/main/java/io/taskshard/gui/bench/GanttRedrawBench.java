package io.taskshard.gui.bench;

import io.taskshard.analysis.Gantt;
import io.taskshard.analysis.GanttRows;
import io.taskshard.gui.gantt.GanttPainter;
import io.taskshard.gui.gantt.Timeline;
import io.taskshard.gui.gantt.Viewport;
import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AttemptState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.WritableImage;

/**
 * How long the dashboard's Gantt redraw takes with many attempts: the real {@link GanttPainter}
 * over the real {@link Timeline}/{@code BarIndex}, on a Canvas of the window's chart size, on the
 * FX thread of a headless JavaFX (Monocle, software rendering).
 *
 * <p>Per frame it measures <b>paint</b> (the FX thread issuing the frame's drawing: what blocks
 * the UI) and <b>paint + render</b> (the same plus {@code Canvas.snapshot}, which makes the
 * software pipeline rasterise the frame and read it back: an upper bound on a frame's total cost).
 * Views: the whole job fitted, a 10 s window zoomed in, and one lane per task.
 *
 * <pre>
 * ./taskshard bench gantt --attempts 100000 --runs 5
 * </pre>
 */
public final class GanttRedrawBench {
    static final int DEFAULT_ATTEMPTS = 100_000;
    static final int DEFAULT_PEERS = 100;
    static final int DEFAULT_SLOTS = 4;
    static final int DEFAULT_FRAMES = 200;
    static final int DEFAULT_WARMUP_FRAMES = 200;
    static final int DEFAULT_RUNS = 5;
    static final double WIDTH = 1200;
    static final double HEIGHT = 700;

    private GanttRedrawBench() {
    }

    public static void main(String[] args) throws Exception {
        int attempts = intArg(args, "--attempts", DEFAULT_ATTEMPTS);
        int runs = intArg(args, "--runs", DEFAULT_RUNS);
        int frames = intArg(args, "--frames", DEFAULT_FRAMES);
        headlessJavaFx();
        long buildStart = System.nanoTime();
        List<AttemptRecord> records = attempts(attempts, DEFAULT_PEERS * DEFAULT_SLOTS, 42);
        long now = records.stream().mapToLong(AttemptRecord::endedAt).max().orElse(0);
        Timeline byPeer = timeline(GanttRows.byPeer(records, now), true);
        double buildMs = (System.nanoTime() - buildStart) / 1e6;
        Timeline byTask = timeline(byTaskLanes(records), false);
        System.out.printf(Locale.ROOT, "Gantt redraw: %,d attempts on %d peers x %d slots (%d lanes by peer, %,d by"
                + " task), canvas %.0fx%.0f, %d frames per view and run, %d runs (%s, %d CPUs)%n", attempts,
                DEFAULT_PEERS, DEFAULT_SLOTS, byPeer.lanes().size(), byTask.lanes().size(), WIDTH, HEIGHT, frames,
                runs, System.getProperty("java.vm.name") + " " + Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "building the by-peer timeline (GanttRows + index): %.0f ms%n", buildMs);
        Viewport fitted = Viewport.of(WIDTH, HEIGHT, 0, 1).fit(byPeer.origin(), byPeer.end());
        long middle = (byPeer.origin() + byPeer.end()) / 2;
        Viewport zoomed = Viewport.of(WIDTH, HEIGHT, middle, 10_000 / (WIDTH - Viewport.DEFAULT_LABEL_WIDTH));
        Viewport taskView = fitted.panBy(0, -HEIGHT * 20, byTask.lanes().size());
        String[] names = {"whole job, by peer", "10 s window, by peer", "whole job, by task"};
        Timeline[] timelines = {byPeer, byPeer, byTask};
        Viewport[] views = {fitted, zoomed, taskView};
        System.out.printf("%-22s %-14s %8s %8s %8s %8s %8s%n", "view", "measure", "bars", "min", "median", "p99",
                "max");
        for (int v = 0; v < names.length; v++) {
            for (int run = 1; run <= runs; run++) {
                Result r = measure(timelines[v], views[v], now, frames, run == 1 ? DEFAULT_WARMUP_FRAMES : 0);
                print(names[v] + " #" + run, "paint", r.bars, r.paint);
                print("", "paint+render", r.bars, r.render);
            }
        }
        Platform.exit();
    }

    private record Result(int bars, double[] paint, double[] render) {
    }

    private static Result measure(Timeline t, Viewport vp, long now, int frames, int warmup) throws Exception {
        CompletableFuture<Result> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                Canvas canvas = new Canvas(WIDTH, HEIGHT);
                GanttPainter painter = new GanttPainter();
                WritableImage image = new WritableImage((int) WIDTH, (int) HEIGHT);
                GanttPainter.Frame frame = GanttPainter.Frame.plain(now);
                for (int i = 0; i < warmup; i++) {
                    painter.paint(canvas.getGraphicsContext2D(), t, vp, frame);
                    canvas.snapshot(null, image);
                }
                double[] paint = new double[frames];
                double[] render = new double[frames];
                int bars = 0;
                for (int i = 0; i < frames; i++) {
                    // Pan by a pixel per frame so no two frames are the same.
                    Viewport moved = vp.panBy(i % 2 == 0 ? 1 : -1, 0, t.lanes().size());
                    long start = System.nanoTime();
                    bars = painter.paint(canvas.getGraphicsContext2D(), t, moved, frame);
                    long painted = System.nanoTime();
                    canvas.snapshot(null, image);
                    long rendered = System.nanoTime();
                    paint[i] = (painted - start) / 1e6;
                    render[i] = (rendered - start) / 1e6;
                }
                result.complete(new Result(bars, paint, render));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(10, TimeUnit.MINUTES);
    }

    private static void print(String view, String what, int bars, double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "%-22s %-14s %8d %7.2fms %7.2fms %7.2fms %7.2fms%n", view, what, bars, s[0],
                s[s.length / 2], s[(int) Math.min(s.length - 1, Math.ceil(s.length * 0.99) - 1)], s[s.length - 1]);
    }

    /** Back-to-back attempts of 0.5 to 30 s on each lane, about 1 in 20 failed, some cancelled. */
    static List<AttemptRecord> attempts(int count, int lanes, long seed) {
        Random random = new Random(seed);
        long[] free = new long[lanes];
        Arrays.fill(free, 1_000_000);
        List<AttemptRecord> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int lane = i % lanes;
            long start = free[lane] + random.nextInt(200);
            long end = start + 500 + random.nextInt(29_500);
            free[lane] = end;
            int roll = random.nextInt(100);
            AttemptState state = roll < 5 ? AttemptState.FAILED : roll < 7 ? AttemptState.CANCELLED
                    : AttemptState.SUCCEEDED;
            String peer = "peer-" + (lane / DEFAULT_SLOTS + 1);
            out.add(new AttemptRecord(i + 1, 1, "//pkg" + (i / 100) + ":t" + i, 1, peer, state, start, start, end,
                    state == AttemptState.FAILED ? 1 : 0, end - start, null, null));
        }
        return out;
    }

    private static Gantt byTaskLanes(List<AttemptRecord> records) {
        List<Gantt.Lane> lanes = new ArrayList<>(records.size());
        for (AttemptRecord a : records) {
            lanes.add(new Gantt.Lane(a.taskId(), null, 0, List.of(new Gantt.Bar(Gantt.Kind.ATTEMPT, a.lease(),
                    a.taskId(), a.peerId(), a.attempt(), a.state(), a.startedAt(), a.endedAt(), a.exitCode()))));
        }
        long end = records.stream().mapToLong(AttemptRecord::endedAt).max().orElse(0);
        return new Gantt(1_000_000, end, lanes);
    }

    private static Timeline timeline(Gantt g, boolean byPeer) {
        List<Timeline.Lane> lanes = g.lanes().stream().map(l -> new Timeline.Lane(l.name(), "",
                byPeer ? Timeline.LaneKind.PEER_SLOT : Timeline.LaneKind.TASK, l.peerId(), byPeer ? null : l.name(),
                l.bars())).toList();
        return Timeline.of(g.origin(), g.end(), lanes, -1, "");
    }

    /** Monocle's headless platform with software rendering: runs anywhere, no display. */
    private static void headlessJavaFx() throws InterruptedException {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("headless.geometry", "1600x1200-32");
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                try {
                    return Integer.parseInt(args[i + 1]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + " needs a whole number, got '" + args[i + 1] + "'", e);
                }
            }
        }
        return fallback;
    }
}
