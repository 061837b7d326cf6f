package io.taskshard.tui.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.client.TaskRef;
import io.taskshard.tui.SceneFixture;
import io.taskshard.tui.state.Action;
import io.taskshard.tui.state.Dialog;
import io.taskshard.tui.state.Grouping;
import io.taskshard.tui.state.Key;
import io.taskshard.tui.state.Message;
import io.taskshard.tui.state.Scene;
import io.taskshard.tui.state.View;
import io.taskshard.tui.state.ViewState;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Keys as a pure function of (state, key): selection, views, zoom and scroll, and every command's dialog. */
class KeyHandlerTest {
    private final Scene scene = SceneFixture.scene();

    private KeyResult press(ViewState state, Key... keys) {
        KeyResult r = new KeyResult(state, Optional.empty());
        for (Key k : keys) {
            r = KeyHandler.handle(r.state(), k, scene, 80, 24);
        }
        return r;
    }

    private static final Key DOWN = Key.of(Key.Type.DOWN);
    private static final Key UP = Key.of(Key.Type.UP);
    private static final Key ENTER = Key.of(Key.Type.ENTER);
    private static final ViewState BY_TASK = ViewState.INITIAL.withView(View.GANTT).withGrouping(Grouping.BY_TASK);

    @Test
    void arrowsMoveTheGanttLaneAndStopAtTheEnds() {
        ViewState gantt = ViewState.INITIAL.withView(View.GANTT);

        assertThat(press(gantt, DOWN).state().laneKey()).isEqualTo("p2#1");
        assertThat(press(gantt, DOWN, DOWN, Key.of('j')).state().laneKey()).isEqualTo("p4#1");
        assertThat(press(gantt, UP).state().laneKey()).isEqualTo("p1#1");
        assertThat(press(gantt, Key.of(Key.Type.PAGE_DOWN), Key.of(Key.Type.PAGE_DOWN)).state().laneKey())
                .isEqualTo("p4#1");
    }

    @Test
    void groupingTogglesAndTheSelectionStartsAgain() {
        ViewState byTask = press(ViewState.INITIAL.withView(View.GANTT), DOWN, Key.of('g')).state();

        assertThat(byTask.grouping()).isEqualTo(Grouping.BY_TASK);
        assertThat(press(byTask, DOWN).state().laneKey()).isEqualTo("//app:b");
        assertThat(press(byTask, Key.of('g')).state().grouping()).isEqualTo(Grouping.BY_PEER);
    }

    @Test
    void zoomStartsFromWhatIsOnScreenAndScrollingLeavesFollowMode() {
        ViewState gantt = ViewState.INITIAL.withView(View.GANTT);

        int fit = press(gantt, Key.of('+')).state().zoom() + 1;
        assertThat(press(gantt, Key.of('-')).state().zoom()).isEqualTo(fit + 1);
        ViewState zoomedIn = press(gantt, Key.of('+'), Key.of('+'), Key.of('+')).state();
        ViewState back = press(zoomedIn, Key.of(Key.Type.LEFT)).state();
        assertThat(back.following()).isFalse();
        assertThat(press(back, Key.of(Key.Type.RIGHT), Key.of(Key.Type.RIGHT), Key.of(Key.Type.RIGHT),
                Key.of(Key.Type.RIGHT), Key.of(Key.Type.RIGHT)).state().following()).isTrue();
        assertThat(press(back, Key.of('f')).state().following()).isTrue();
    }

    @Test
    void reassignPicksAnEligiblePeerConfirmsThenSends() {
        ViewState onD = press(BY_TASK, DOWN, DOWN, DOWN).state(); // //app:d, waiting

        KeyResult picker = press(onD, Key.of('r'));
        assertThat(picker.state().dialog()).isInstanceOfSatisfying(Dialog.PeerPicker.class,
                p -> assertThat(p.peers()).as("connected, undrained, same job").containsExactly("p1", "p2", "p3"));
        KeyResult confirm = press(picker.state(), DOWN, DOWN, ENTER);
        assertThat(confirm.action()).isEmpty();
        assertThat(confirm.state().dialog()).isEqualTo(new Dialog.Confirm(new Action.Reassign(TaskRef.uid(4),
                "//app:d", "p3")));
        KeyResult sent = press(confirm.state(), Key.of('y'));
        assertThat(sent.action()).contains(new Action.Reassign(TaskRef.uid(4), "//app:d", "p3"));
        assertThat(sent.state().dialog()).isNull();
        assertThat(sent.state().message().kind()).isEqualTo(Message.Kind.PENDING);
    }

    @Test
    void theRunningPeerIsNotOfferedAndEndedTasksAreRefusedWithAReason() {
        ViewState onC = press(BY_TASK, DOWN, DOWN).state(); // //app:c runs on p2
        assertThat(press(onC, Key.of('r')).state().dialog()).isInstanceOfSatisfying(Dialog.PeerPicker.class,
                p -> assertThat(p.peers()).containsExactly("p1", "p3"));

        KeyResult ended = press(BY_TASK, Key.of('r')); // //app:a succeeded
        assertThat(ended.state().dialog()).isNull();
        assertThat(ended.state().message().text()).isEqualTo("not possible: task '//app:a' already ended (succeeded)");
    }

    @Test
    void escapeOrNCancelsADialogWithoutSendingAndQDoesNotQuitFromIt() {
        ViewState confirming = press(BY_TASK, DOWN, Key.of('t')).state();
        assertThat(confirming.dialog()).isEqualTo(new Dialog.Confirm(new Action.Retry(TaskRef.uid(2), "//app:b",
                "p1 has run 8 s of ~? (no earlier run)")));

        for (Key k : List.of(Key.of(Key.Type.ESCAPE), Key.of('n'), Key.of('q'))) {
            KeyResult r = press(confirming, k);
            assertThat(r.action()).isEmpty();
            assertThat(r.state().dialog()).isNull();
            assertThat(r.state().message().text()).contains("nothing was sent");
        }
    }

    @Test
    void priorityIsTypedThenConfirmed() {
        ViewState prompt = press(BY_TASK, DOWN, DOWN, DOWN, Key.of('p')).state();
        assertThat(prompt.dialog()).isInstanceOf(Dialog.PriorityPrompt.class);

        KeyResult typed = press(prompt, Key.of(Key.Type.BACKSPACE), Key.of('1'), Key.of('2'), Key.of(Key.Type.UP),
                ENTER, ENTER);
        assertThat(typed.action()).contains(new Action.SetPriority(TaskRef.uid(4), "//app:d", 13));

        KeyResult bad = press(prompt, Key.of(Key.Type.BACKSPACE), ENTER);
        assertThat(bad.action()).isEmpty();
        assertThat(bad.state().message().kind()).isEqualTo(Message.Kind.ERROR);
    }

    @Test
    void drainAsksAboutThePeerOfTheRowAndUndrainsADrainingOne() {
        ViewState peers = press(ViewState.INITIAL, Key.of(Key.Type.TAB)).state();

        assertThat(press(peers, Key.of('d')).state().dialog())
                .isEqualTo(new Dialog.Confirm(new Action.Drain("p1", true)));
        assertThat(press(peers, DOWN, DOWN, DOWN, Key.of('d')).state().dialog())
                .isEqualTo(new Dialog.Confirm(new Action.Drain("p4", false)));
    }

    @Test
    void cancelJobAndCancelTaskGoThroughConfirm() {
        assertThat(press(ViewState.INITIAL, Key.of('C'), Key.of('y')).action()).contains(new Action.CancelJob(1));
        assertThat(press(BY_TASK, DOWN, Key.of('c'), ENTER).action())
                .contains(new Action.CancelTask(TaskRef.uid(2), "//app:b"));
    }

    @Test
    void enterOpensTheTaskAndEscapeReturns() {
        ViewState task = press(BY_TASK, DOWN, ENTER).state();
        assertThat(task.view()).isEqualTo(View.TASK);
        assertThat(task.taskUid()).isEqualTo(2);
        assertThat(press(task, Key.of(Key.Type.ESCAPE)).state().view()).isEqualTo(View.GANTT);
    }

    @Test
    void quitComesFromQOrCtrlCAndHelpClosesOnAnyKey() {
        assertThat(press(ViewState.INITIAL, Key.of('q')).action()).contains(new Action.Quit());
        assertThat(press(ViewState.INITIAL.withDialog(new Dialog.Confirm(new Action.CancelJob(1))), Key.ctrl('c'))
                .action()).contains(new Action.Quit());
        ViewState help = press(ViewState.INITIAL, Key.of('?')).state();
        assertThat(help.help()).isTrue();
        KeyResult closed = press(help, Key.of('q'));
        assertThat(closed.state().help()).isFalse();
        assertThat(closed.action()).isEmpty();
    }

    /** Before: every key was offered whatever the task's state, and a running task restarted without its progress. */
    @Test
    void taskKeysOfferOnlyWhatTheTaskStateAllowsAndRunningRetryShowsProgress() {
        io.taskshard.tui.state.Scene scene = io.taskshard.tui.SceneFixture.scene();
        ViewState byTask = ViewState.INITIAL.withView(io.taskshard.tui.state.View.GANTT)
                .withGrouping(io.taskshard.tui.state.Grouping.BY_TASK);

        KeyResult succeeded = KeyHandler.handle(byTask.withLane("//app:a"), io.taskshard.tui.state.Key.of('t'), scene,
                80, 24);
        assertThat(succeeded.state().message().text())
                .isEqualTo("not possible: task '//app:a' succeeded; there is nothing to retry");
        assertThat(succeeded.action()).isEmpty();

        KeyResult running = KeyHandler.handle(byTask.withLane("//app:b"), io.taskshard.tui.state.Key.of('t'), scene,
                80, 24);
        io.taskshard.tui.state.Dialog.Confirm confirm = (io.taskshard.tui.state.Dialog.Confirm) running.state().dialog();
        io.taskshard.tui.state.Action.Retry retry = (io.taskshard.tui.state.Action.Retry) confirm.action();
        assertThat(retry.describe()).isEqualTo("retry //app:b: p1 has run 8 s of ~? (no earlier run): restart it");
        assertThat(retry.confirmRunning()).isTrue();

        KeyResult waiting = KeyHandler.handle(byTask.withLane("//app:d"), io.taskshard.tui.state.Key.of('t'), scene,
                80, 24);
        assertThat(waiting.state().message().text()).startsWith("not possible: task '//app:d' is waiting to run");
    }
}
