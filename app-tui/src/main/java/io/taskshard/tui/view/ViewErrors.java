package io.taskshard.tui.view;

import io.taskshard.tui.state.Scene;
import io.taskshard.tui.state.ViewState;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the view area shows when building a view failed: what failed, where the details went,
 * and that everything else still works. The dashboard keeps running; the stack trace goes to
 * the log once per distinct failure (the screen redraws ten times a second).
 */
final class ViewErrors {
    /** Distinct failures already logged; bounded so a stream of different messages cannot grow it forever. */
    static final int DEFAULT_MAX_REMEMBERED = 100;

    private static final Logger LOG = LoggerFactory.getLogger(ViewErrors.class);
    private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

    private ViewErrors() {
    }

    static void show(Canvas c, Scene scene, ViewState state, int top, int bottom, RuntimeException e) {
        String what = "the " + state.view().title() + " view" + (state.jobId() != 0 ? " of job " + state.jobId()
                : Selection.job(scene, state).map(j -> " of job " + j.id()).orElse(""));
        String key = state.view() + "|" + e;
        if (LOGGED.size() < DEFAULT_MAX_REMEMBERED && LOGGED.add(key)) {
            LOG.error("could not build {} (the dashboard keeps running; shown as an error on screen)", what, e);
        }
        for (int y = top; y <= bottom; y++) {
            c.fill(0, y, c.width(), ' ', Style.NORMAL);
        }
        int y = top + 1;
        for (String line : Text.wrap("Could not build " + what + ": " + e, c.width() - 2)) {
            if (y > bottom) {
                return;
            }
            c.put(1, y++, line, Style.ERROR);
        }
        for (String line : Text.wrap(scene.seeLog().substring(0, 1).toUpperCase() + scene.seeLog().substring(1)
                + ". The other views and keys still work (1-3 switch views, q quits).", c.width() - 2)) {
            if (y > bottom) {
                return;
            }
            c.put(1, y++, line, Style.DIM);
        }
    }
}
