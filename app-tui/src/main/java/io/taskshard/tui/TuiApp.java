package io.taskshard.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import io.taskshard.analysis.JobView;
import io.taskshard.client.ClientException;
import io.taskshard.client.ConnectionState;
import io.taskshard.client.EventStream;
import io.taskshard.client.JobDetail;
import io.taskshard.client.ModelChange;
import io.taskshard.client.OperatorClient;
import io.taskshard.model.JobRecord;
import io.taskshard.tui.input.KeyHandler;
import io.taskshard.tui.input.KeyResult;
import io.taskshard.tui.state.Action;
import io.taskshard.tui.state.Message;
import io.taskshard.tui.state.Scene;
import io.taskshard.tui.state.ViewState;
import io.taskshard.tui.view.Canvas;
import io.taskshard.tui.view.Dashboard;
import io.taskshard.tui.view.Selection;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's imperative shell: owns a Lanterna {@link Screen}, follows the coordinator
 * through an {@link EventStream}, and sends commands with an {@link OperatorClient}.
 *
 * <p>One UI thread ({@link #run}) holds all view state and alone touches the screen: it polls
 * for key strokes every {@link #DEFAULT_INPUT_POLL} (a blocking read would hold the terminal's
 * lock), and model changes, connection states and command answers reach it through one queue. It redraws
 * at most every {@link #DEFAULT_FRAME} on model changes, at once on a key, and every
 * {@link #DEFAULT_TICK} for the clock. Commands and job reads run on a worker thread, never on
 * the UI thread.
 */
public final class TuiApp {
    /** Shortest time between two redraws caused by model changes (about 10 frames a second). */
    public static final Duration DEFAULT_FRAME = Duration.ofMillis(100);
    /** Redraw at least this often, for the clock and running bars. */
    public static final Duration DEFAULT_TICK = Duration.ofSeconds(1);
    /** How often the UI thread looks for key strokes. */
    public static final Duration DEFAULT_INPUT_POLL = Duration.ofMillis(15);

    private static final Logger LOG = LoggerFactory.getLogger(TuiApp.class);

    private final Screen screen;
    private final OperatorClient client;
    private final EventStream stream;
    private final Clock clock;
    private final String title;
    private final BlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final Map<Long, JobView> fetched = new ConcurrentHashMap<>();
    private final Set<Long> fetching = ConcurrentHashMap.newKeySet();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "taskshard-tui-commands");
        t.setDaemon(true);
        return t;
    });

    // Touched on the UI thread only.
    private ViewState state = ViewState.INITIAL;
    private ConnectionState connection;
    private String banner = "";
    private volatile boolean running;
    private volatile boolean dirty = true;
    private boolean drawNow = true;
    private long lastDrawNanos;

    /**
     * @param banner completes with a line to show at the top (the demo's end), or never
     */
    public TuiApp(Screen screen, OperatorClient client, EventStream stream, Clock clock, String title,
                  CompletionStage<String> banner) {
        this.screen = screen;
        this.client = client;
        this.stream = stream;
        this.clock = clock;
        this.title = title;
        this.connection = stream.state();
        banner.whenComplete((text, error) -> post(() -> {
            this.banner = error != null ? "the demo ended with an error: " + error.getMessage() : text;
            dirty = true;
        }));
    }

    /** Asks the UI thread to quit (from a signal handler or another thread). */
    public void requestQuit() {
        post(() -> running = false);
    }

    /** The view state now (for tests: read it from the UI thread or after {@link #run} returned). */
    ViewState state() {
        return state;
    }

    /** Shows the dashboard until the user quits; restores the terminal however it ends. */
    public void run() throws IOException {
        Consumer<ModelChange> onChange = change -> wake();
        Consumer<ConnectionState> onState = s -> post(() -> {
            connection = s;
            dirty = true;
        });
        running = true;
        screen.startScreen();
        try {
            screen.setCursorPosition(null);
            if (screen instanceof TerminalScreen ts) {
                ts.getTerminal().addResizeListener((t, size) -> wake());
            }
            stream.model().addListener(onChange);
            stream.addStateListener(onState);
            loop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.info("dashboard interrupted; closing");
        } finally {
            running = false;
            stream.model().removeListener(onChange);
            stream.removeStateListener(onState);
            worker.shutdownNow();
            screen.stopScreen();
        }
    }

    private void loop() throws IOException, InterruptedException {
        long frameNanos = DEFAULT_FRAME.toNanos();
        long tickNanos = DEFAULT_TICK.toNanos();
        long pollNanos = DEFAULT_INPUT_POLL.toNanos();
        while (running) {
            long since = System.nanoTime() - lastDrawNanos;
            long waitNanos = drawNow ? 0 : dirty ? Math.max(0, frameNanos - since) : Math.max(0, tickNanos - since);
            Runnable job = inbox.poll(Math.min(waitNanos, pollNanos), TimeUnit.NANOSECONDS);
            while (job != null && running) {
                job.run();
                job = inbox.poll();
            }
            readKeys();
            if (!running) {
                break;
            }
            since = System.nanoTime() - lastDrawNanos;
            if (drawNow || (dirty && since >= frameNanos) || since >= tickNanos) {
                draw();
            }
        }
    }

    /** Handles every key stroke waiting; the end of input (terminal gone) quits. */
    private void readKeys() throws IOException {
        for (KeyStroke stroke = screen.pollInput(); stroke != null && running; stroke = screen.pollInput()) {
            if (stroke.getKeyType() == KeyType.EOF) {
                LOG.info("the terminal's input ended; closing the dashboard");
                running = false;
                return;
            }
            onKey(stroke);
        }
    }

    private void onKey(KeyStroke stroke) {
        TerminalSize size = screen.getTerminalSize();
        Scene scene = scene();
        state = Selection.track(scene, state);
        KeyResult result = KeyHandler.handle(state, Keys.of(stroke), scene, size.getColumns(), size.getRows());
        state = result.state();
        drawNow = true;
        result.action().ifPresent(this::perform);
    }

    private void perform(Action action) {
        if (action instanceof Action.Quit) {
            running = false;
            return;
        }
        worker.execute(() -> {
            Message answer = ActionRunner.run(client, action);
            post(() -> {
                state = state.withMessage(answer);
                drawNow = true;
            });
        });
    }

    private Scene scene() {
        return new Scene(stream.model().view(), connection, clock.millis(), clock.getZone(), title, banner, fetched,
                TuiLogging.currentFile());
    }

    private void draw() throws IOException {
        TerminalSize resized = screen.doResizeIfNecessary();
        Scene scene = scene();
        state = Selection.track(scene, state); // following new jobs: a job that started is selected
        fetchIfMissing(scene);
        TerminalSize size = screen.getTerminalSize();
        Canvas canvas = Dashboard.render(scene, state, size.getColumns(), size.getRows());
        for (int y = 0; y < canvas.height(); y++) {
            for (int x = 0; x < canvas.width(); x++) {
                screen.setCharacter(x, y, Styles.character(canvas.charAt(x, y), canvas.styleAt(x, y)));
            }
        }
        screen.refresh(resized != null ? Screen.RefreshType.COMPLETE : Screen.RefreshType.DELTA);
        lastDrawNanos = System.nanoTime();
        dirty = false;
        drawNow = false;
    }

    /** The selected job is not complete in the live model (finished before we connected): read it once. */
    private void fetchIfMissing(Scene scene) {
        Optional<JobRecord> job = Selection.job(scene, state);
        if (job.isEmpty() || scene.jobView(job.get().id()).isPresent() || !fetching.add(job.get().id())) {
            return;
        }
        long id = job.get().id();
        worker.execute(() -> {
            try {
                JobDetail detail = client.job(id);
                fetched.put(id, detail.toJobView(stream.model().view().peers()));
                wake();
            } catch (ClientException | IllegalArgumentException e) {
                LOG.warn("could not read job {} from the coordinator", id, e);
                String log = TuiLogging.currentFile().isEmpty() ? "" : " (details in " + TuiLogging.currentFile() + ")";
                post(() -> state = state.withMessage(Message.error("could not read job " + id + ": " + e.getMessage()
                        + log)));
            }
        });
    }

    private void post(Runnable r) {
        inbox.add(r);
    }

    /** Marks the screen dirty and wakes the UI thread, queueing at most one wake-up at a time. */
    private void wake() {
        dirty = true;
        if (wakeQueued.compareAndSet(false, true)) {
            inbox.add(() -> wakeQueued.set(false));
        }
    }
}
