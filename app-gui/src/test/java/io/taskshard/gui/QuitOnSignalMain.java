package io.taskshard.gui;

import io.taskshard.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * A child JVM for {@link GuiProcessExitTest}: runs taskshard's real {@code main} with the given
 * arguments and, from a side thread, quits the dashboard the way a user does (its Ctrl+Q
 * accelerator) once {@code signal} says so: {@code file:PATH} when that file exists, {@code notice}
 * when the dashboard's notice (the demo's "demo finished") is shown. If main never returns after
 * that, the process stays alive, which is the defect the test watches for.
 *
 * <p>Usage: {@code QuitOnSignalMain SIGNAL taskshard-args...}
 */
public final class QuitOnSignalMain {
    private QuitOnSignalMain() {
    }

    public static void main(String[] args) {
        String signal = args[0];
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        Thread closer = new Thread(() -> quitWhen(signal), "test-closer");
        closer.setDaemon(true);
        closer.start();
        Main.main(rest);
    }

    private static void quitWhen(String signal) {
        try {
            while (true) {
                Thread.sleep(100); // polling a child's own window from outside the FX thread
                if (Platform.isFxApplicationThread()) {
                    continue;
                }
                if (signal.startsWith("file:") && !Files.exists(Path.of(signal.substring(5)))) {
                    continue;
                }
                Stage stage = dashboardStage();
                if (stage == null) {
                    continue;
                }
                if (signal.equals("notice") && !onFx(() -> {
                    Node n = stage.getScene().lookup("#notice");
                    return n != null && n.isVisible();
                })) {
                    continue;
                }
                System.out.println("test-closer: pressing Ctrl+Q"); // before: the process may end at once
                System.out.flush();
                Platform.runLater(() -> stage.getScene().getAccelerators()
                        .get(KeyCombination.keyCombination("Shortcut+Q")).run());
                return;
            }
        } catch (Exception e) {
            e.printStackTrace();
        }
    }

    private static Stage dashboardStage() throws Exception {
        try {
            return onFx(() -> Window.getWindows().stream().filter(w -> w instanceof Stage s && w.isShowing()
                    && s.getTitle() != null && s.getTitle().startsWith("taskshard")).map(w -> (Stage) w)
                    .findFirst().orElse(null));
        } catch (IllegalStateException toolkitNotStarted) {
            return null;
        }
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(read.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(10, TimeUnit.SECONDS);
    }
}
