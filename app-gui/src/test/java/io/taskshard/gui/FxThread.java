package io.taskshard.gui;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/** Test kit: runs code on the JavaFX thread and hands back its result (or its exception). */
public final class FxThread {
    /** Long enough for a loaded CI machine; a hang fails the test instead of blocking it. */
    public static final long DEFAULT_WAIT_SECONDS = 10;

    private FxThread() {
    }

    public static <T> T call(Callable<T> call) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(call.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(DEFAULT_WAIT_SECONDS, TimeUnit.SECONDS);
    }
}
