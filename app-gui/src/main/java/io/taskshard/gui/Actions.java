package io.taskshard.gui;

import io.taskshard.client.ApiException;
import io.taskshard.client.ClientException;
import io.taskshard.client.OperatorClient;
import io.taskshard.client.TaskDetail;
import io.taskshard.client.TaskRef;
import io.taskshard.gui.view.StatusBar;
import io.taskshard.model.PeerRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator commands and reads the dashboard issues. Each blocking API call runs on a small
 * executor, never on the FX thread; its answer comes back on the FX thread to the status bar,
 * and a refusal is explained in an alert with the coordinator's own words
 * ({@link ApiException#serverMessage()}).
 */
final class Actions implements AutoCloseable {
    /** Calls in flight at once: commands are rare, reads of task detail and comparison small. */
    static final int DEFAULT_THREADS = 2;
    private static final Logger log = LoggerFactory.getLogger(Actions.class);

    private final Supplier<OperatorClient> client;
    private final StatusBar status;
    private final Supplier<Window> owner;
    private final ExecutorService executor = Executors.newFixedThreadPool(DEFAULT_THREADS, r -> {
        Thread t = new Thread(r, "taskshard-gui-api");
        t.setDaemon(true);
        return t;
    });

    Actions(Supplier<OperatorClient> client, StatusBar status, Supplier<Window> owner) {
        this.client = client;
        this.status = status;
        this.owner = owner;
    }

    /**
     * Runs {@code call} off the FX thread; on success shows {@code said(answer)} and passes the
     * answer to {@code then} on the FX thread; on failure says why. {@code what} names the
     * action for messages ("reassign //app:test to ci-2").
     */
    <T> void run(String what, Function<OperatorClient, T> call, Function<T, String> said, Consumer<T> then) {
        OperatorClient c = client.get();
        executor.execute(() -> {
            try {
                T answer = call.apply(c);
                Platform.runLater(() -> {
                    String text = said.apply(answer);
                    if (text != null) {
                        status.info(text);
                    }
                    then.accept(answer);
                });
            } catch (ApiException e) {
                log.info("the coordinator refused to {}: {}", what, e.getMessage());
                Platform.runLater(() -> refused(what, e));
            } catch (ClientException e) {
                log.warn("could not {}: {}", what, e.getMessage());
                Platform.runLater(() -> status.error("could not " + what + ": " + e.getMessage()));
            } catch (RuntimeException e) {
                log.error("could not {}", what, e);
                Platform.runLater(() -> status.error("could not " + what + ": " + e));
            }
        });
    }

    /** A read whose answer only feeds the UI; failures go to {@code failed} as words. */
    <T> void read(String what, Function<OperatorClient, T> call, Consumer<T> then, Consumer<String> failed) {
        OperatorClient c = client.get();
        executor.execute(() -> {
            try {
                T answer = call.apply(c);
                Platform.runLater(() -> then.accept(answer));
            } catch (ApiException e) {
                Platform.runLater(() -> failed.accept("could not read " + what + ": " + e.serverMessage()));
            } catch (ClientException e) {
                log.warn("could not read {}: {}", what, e.getMessage());
                Platform.runLater(() -> failed.accept("could not read " + what + ": " + e.getMessage()));
            }
        });
    }

    /** {@code confirmRunning} only after a dialog showed the task running (else the server answers conflict). */
    void reassign(long jobId, String taskId, String peer, boolean confirmRunning) {
        task("reassign " + taskId + " to " + peer, c -> c.reassign(TaskRef.id(taskId, jobId), peer, confirmRunning));
    }

    /** {@code confirmRunning} only after a dialog showed the task running (else the server answers conflict). */
    void retry(long jobId, String taskId, boolean confirmRunning) {
        task("retry " + taskId, c -> c.retry(TaskRef.id(taskId, jobId), confirmRunning));
    }

    void cancel(long jobId, String taskId) {
        task("cancel " + taskId, c -> c.cancelTask(TaskRef.id(taskId, jobId)));
    }

    void priority(long jobId, String taskId, int priority) {
        task("set the priority of " + taskId + " to " + priority, c -> c.setPriority(TaskRef.id(taskId, jobId),
                priority));
    }

    void cancelJob(long jobId) {
        run("cancel job " + jobId, c -> c.cancelJob(jobId), j -> "job " + j.id() + " is now " + j.state().wire(),
                j -> { });
    }

    void drain(String peer, boolean on) {
        run((on ? "drain " : "undrain ") + peer, c -> on ? c.drain(peer) : c.undrain(peer),
                (PeerRecord p) -> "peer " + p.id() + (p.draining() ? " is draining: it finishes what it runs and"
                        + " gets nothing new" : " takes new work again"), p -> { });
    }

    /** Saves the job's Chrome trace JSON (Perfetto, chrome://tracing) to {@code file}. */
    void exportTrace(long jobId, Path file) {
        run("export the trace of job " + jobId + " to " + file, c -> {
            String json = c.trace(jobId);
            try {
                Files.writeString(file, json, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ClientException("cannot write " + file + ": " + e.getMessage());
            }
            return json.length();
        }, n -> "saved the trace of job " + jobId + " to " + file + " (" + n + " characters):"
                + " open it in ui.perfetto.dev or chrome://tracing", n -> { });
    }

    private void task(String what, Function<OperatorClient, TaskDetail> call) {
        run(what, call, d -> "done: " + what + "; the task is now " + d.task().task().state().wire()
                + (d.task().task().preferredPeer() == null ? "" : ", only " + d.task().task().preferredPeer()
                        + " may take it"), d -> { });
    }

    private void refused(String what, ApiException e) {
        status.error("refused: " + what + ": " + e.serverMessage());
        Alert alert = new Alert(Alert.AlertType.WARNING);
        alert.initOwner(owner.get());
        alert.setTitle("taskshard: refused");
        alert.setHeaderText("The coordinator refused to " + what);
        alert.setContentText(e.serverMessage() + "\n\n(" + e.status() + " " + e.code() + ")");
        alert.show();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
