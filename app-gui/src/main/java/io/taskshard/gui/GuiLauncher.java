package io.taskshard.gui;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * Starts JavaFX from a plain command (no {@code Application} subclass: taskshard's main class
 * stays {@code io.taskshard.cli.Main}, and JavaFX runs from the classpath, where it only warns
 * "Unsupported JavaFX configuration") and shows one window until the user closes it.
 */
public final class GuiLauncher {
    private GuiLauncher() {
    }

    /**
     * Opens a stage built by {@code build} on the FX thread and blocks until it is closed.
     *
     * @throws Exception whatever {@code build} threw, or the toolkit's start failure
     */
    public static void showAndWait(Consumer<Stage> build) throws Exception {
        startToolkit();
        CountDownLatch closed = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Platform.runLater(() -> {
            try {
                Stage stage = new Stage();
                // A handler, not setOnHidden: build may set its own onHidden, which would replace
                // this one and leave main parked here after the window closed.
                stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> closed.countDown());
                build.accept(stage);
                if (!stage.isShowing()) {
                    closed.countDown();
                }
            } catch (RuntimeException | Error e) {
                failure.set(e);
                closed.countDown();
            }
        });
        closed.await();
        Throwable t = failure.get();
        if (t instanceof Exception e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
    }

    /** Starts the FX toolkit once per JVM; a second call finds it running. */
    private static void startToolkit() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            // Started before (a test, or a second window in this JVM): just use it.
            started.countDown();
        }
        Platform.setImplicitExit(false);
        started.await();
    }
}
