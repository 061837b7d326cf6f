package io.taskshard.tui.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.client.ConnectionState;
import io.taskshard.tui.SceneFixture;
import io.taskshard.tui.state.Dialog;
import io.taskshard.tui.state.Grouping;
import io.taskshard.tui.state.Scene;
import io.taskshard.tui.state.View;
import io.taskshard.tui.state.ViewState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pure renderer: what each view puts on screen for a known coordinator state. */
class DashboardTest {
    private final Scene scene = SceneFixture.scene();

    private static String lineWith(Canvas c, String text) {
        return c.lines().stream().filter(l -> l.contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no line with '" + text + "' in:\n" + c.text()));
    }

    @Test
    void overviewShowsJobProgressAndPeerStates() {
        Canvas c = Dashboard.render(scene, ViewState.INITIAL, 80, 24);

        assertThat(lineWith(c, "#1")).contains("demo").contains("running").contains("1/5").contains("2 run")
                .contains("2 wait").containsPattern("\\[=+>+\\.+\\]");
        assertThat(lineWith(c, "p1 ")).contains("connected").contains("1/1 slots").contains("//app:b 8s");
        assertThat(lineWith(c, "p4 ")).contains("draining");
        assertThat(lineWith(c, "PEERS")).contains("slots in use 2/5");
        assertThat(c.line(0)).contains("test coordinator").contains("* live").contains("22:13:30");
    }

    @Test
    void aRefusedTokenIsExplainedInFullWithWhatToDoNotAsWaitingForASnapshot() {
        String reason = "token 'ci' has role peer, which may not read the operator API; ask an admin for a"
                + " viewer, operator or admin token";
        Scene refused = new Scene(io.taskshard.client.LiveView.EMPTY,
                new io.taskshard.client.ConnectionState.Refused(403, reason, "use a viewer, operator or admin token"
                        + " (--token or TASKSHARD_TOKEN)"), scene.now(), scene.zone(), "test", "", java.util.Map.of(),
                "");
        Canvas c = Dashboard.render(refused, ViewState.INITIAL, 80, 24);

        String text = String.join(" ", c.lines()).replaceAll(" +", " ");
        assertThat(text).contains("The coordinator refused this dashboard (HTTP 403): " + reason)
                .contains("What to do: use a viewer, operator or admin token (--token or TASKSHARD_TOKEN)")
                .doesNotContain("first snapshot");
    }

    @Test
    void ganttByPeerDrawsRunningBarsWithTheirTaskInside() {
        Canvas c = Dashboard.render(scene, ViewState.INITIAL.withView(View.GANTT).withZoom(4), 80, 24);

        String p1 = lineWith(c, "p1#1");
        // b starts where a ended: a boundary marks where one bar ends and the next begins.
        assertThat(p1).contains("=//app:a=").contains("=|//app:b>");
        assertThat(lineWith(c, "p2#1")).contains(">//app:c>");
        assertThat(lineWith(c, "p3#1")).doesNotContain(">").doesNotContain("=");
        assertThat(c.lines().stream().filter(l -> l.startsWith("time")).findFirst().orElseThrow()).contains("v");
        assertThat(c.text()).contains("0s").contains("4s").contains("200ms/col").contains("following now")
                .contains(">running").contains("Xfailed");
    }

    @Test
    void ganttBarsKeepTheirStyleAsWellAsTheirGlyph() {
        Canvas c = Dashboard.render(scene, ViewState.INITIAL.withView(View.GANTT).withZoom(4), 80, 24);
        int y = c.lines().indexOf(lineWith(c, "p1#1"));
        int x = c.line(y).indexOf("|//app:b");

        assertThat(c.styleAt(x, y)).isEqualTo(Style.RUNNING);
        assertThat(c.styleAt(c.line(y).indexOf("=//app:a"), y)).isEqualTo(Style.SUCCESS);
    }

    @Test
    void ganttByTaskShowsBlockedAndWaitingTime() {
        Canvas c = Dashboard.render(scene, ViewState.INITIAL.withView(View.GANTT).withGrouping(Grouping.BY_TASK)
                .withZoom(5), 80, 24);

        assertThat(lineWith(c, "//app:d")).containsPattern("\\|\\.{10,}");
        assertThat(lineWith(c, "//app:e")).containsPattern("\\|:{10,}");
        assertThat(lineWith(c, "//app:c")).contains(">p2>");
    }

    @Test
    void theLegendNamesEveryStateAt80ColumnsAndIsRoomierWhenWide() {
        ViewState gantt = ViewState.INITIAL.withView(View.GANTT);

        String narrow = lineWith(Dashboard.render(scene, gantt, 80, 24), "blocked");
        String wide = lineWith(Dashboard.render(scene, gantt, 200, 50), "blocked");

        assertThat(narrow).contains(":blocked", ".waiting", ">running", "=succeeded", "Xfailed", "?lost", "-cancelled");
        assertThat(wide).contains(":: blocked", "-- cancelled");
    }

    @Test
    void scrolledGanttSaysSoAndShowsAnotherTimeWindow() {
        ViewState zoomed = ViewState.INITIAL.withView(View.GANTT).withZoom(2); // 50 ms a column
        Canvas following = Dashboard.render(scene, zoomed, 80, 24);
        Canvas scrolled = Dashboard.render(scene, zoomed.withViewStart(SceneFixture.T0), 80, 24);

        assertThat(following.text()).contains("following now");
        assertThat(scrolled.text()).contains("scrolled [f: follow]");
        assertThat(lineWith(scrolled, "p1#1")).contains("=//app:a=");
        assertThat(lineWith(following, "p1#1")).doesNotContain("//app:a");
    }

    @Test
    void comparisonShowsThreeStripsOnOneScaleAndTheLowerBound() {
        Canvas c = Dashboard.render(scene, ViewState.INITIAL.withView(View.COMPARISON), 80, 24);

        int linear = lineWith(c, "linear ").indexOf('#');
        assertThat(lineWith(c, "linear ")).contains("#");
        assertThat(lineWith(c, "sharded ")).contains("#");
        assertThat(lineWith(c, "parallel ").indexOf('#')).isEqualTo(linear);
        assertThat(lineWith(c, "lower bound ")).contains("^");
        assertThat(c.text()).contains("makespan").contains("CPU time").contains("speedup").contains("4 peers")
                .contains("5 tasks on 4 peers").contains("critical path");
    }

    @Test
    void taskViewListsAttemptsAndTheLogTail() {
        Canvas c = Dashboard.render(scene, ViewState.INITIAL.withView(View.GANTT).withTask(1), 80, 24);

        assertThat(lineWith(c, "task //app:a")).contains("uid 1");
        assertThat(lineWith(c, "+2.0s")).contains("p1").contains("+0ms").contains("+2.0s").containsPattern(" 0  *$");
        assertThat(c.text()).contains("log of attempt 1 on p1").contains("compiling a").contains("all good");
    }

    @Test
    void cutOffFromTheServerSaysSoAndKeepsTheLastState() {
        Scene cut = SceneFixture.scene(new ConnectionState.Reconnecting(3, Duration.ofSeconds(2), "connection refused"));

        Canvas c = Dashboard.render(cut, ViewState.INITIAL, 80, 24);

        assertThat(c.line(0)).contains("! reconnecting");
        assertThat(c.line(22)).startsWith("cut off: reconnecting").contains("connection refused");
        assertThat(c.text()).contains("#1");
    }

    @Test
    void helpAndDialogsDrawOverTheView() {
        Canvas help = Dashboard.render(scene, ViewState.INITIAL.withHelp(true), 80, 24);
        Canvas picker = Dashboard.render(scene, ViewState.INITIAL.withDialog(new Dialog.PeerPicker(
                io.taskshard.client.TaskRef.uid(4), "//app:d", List.of("p2", "p3"), 1)), 80, 24);

        assertThat(help.text()).contains("Help").contains("r reassign to a peer").contains("g by peer <-> by task");
        assertThat(lineWith(picker, "> p3")).contains("|");
        assertThat(picker.text()).contains("Reassign //app:d to:").contains("  p2");
    }

    @ParameterizedTest
    @CsvSource({"80,24", "200,50", "40,12", "120,30"})
    void everyViewFitsItsSize(int width, int height) {
        for (View view : View.values()) {
            for (Grouping g : Grouping.values()) {
                Canvas c = Dashboard.render(scene, ViewState.INITIAL.withView(view).withGrouping(g).withTask(2)
                        .withView(view), width, height);
                assertThat(c.lines()).hasSize(height).allSatisfy(l -> assertThat(l).hasSize(width));
                assertThat(c.line(height - 1)).startsWith("q quit");
            }
        }
    }

    @Test
    void aTinyTerminalAsksForMoreRoom() {
        assertThat(Dashboard.render(scene, ViewState.INITIAL, 30, 8).line(0)).startsWith("terminal too small (30x8)");
    }
}
