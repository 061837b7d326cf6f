package io.taskshard.tui.input;

import io.taskshard.tui.state.Action;
import io.taskshard.tui.state.Dialog;
import io.taskshard.tui.state.Key;
import io.taskshard.tui.state.Message;
import io.taskshard.tui.state.ViewState;

/** Keys while a dialog is open: confirm, pick a peer, type a priority. */
final class Dialogs {
    /** Longest priority text accepted (an int's digits and a sign). */
    static final int DEFAULT_MAX_PRIORITY_CHARS = 10;

    private Dialogs() {
    }

    static KeyResult handle(ViewState state, Key key) {
        boolean cancel = key.type() == Key.Type.ESCAPE || key.is('n') || key.is('q');
        return switch (state.dialog()) {
            case Dialog.Confirm c -> {
                if (key.is('y') || key.type() == Key.Type.ENTER) {
                    yield KeyResult.of(state.withDialog(null).withMessage(new Message(c.action().describe() + " ...",
                            Message.Kind.PENDING)), c.action());
                }
                yield cancel ? closed(state) : KeyResult.of(state);
            }
            case Dialog.PeerPicker p -> {
                int move = KeyHandler.move(key);
                if (move != 0 && !p.peers().isEmpty()) {
                    int i = Math.clamp(p.selected() + move, 0, p.peers().size() - 1);
                    yield KeyResult.of(state.withDialog(p.withSelected(i)));
                }
                if (key.type() == Key.Type.ENTER && !p.peers().isEmpty()) {
                    yield KeyHandler.confirm(state, new Action.Reassign(p.taskRef(), p.taskId(),
                            p.peers().get(p.selected()), p.running()));
                }
                yield cancel || key.type() == Key.Type.ENTER ? closed(state) : KeyResult.of(state);
            }
            case Dialog.PriorityPrompt p -> priority(state, p, key);
        };
    }

    private static KeyResult priority(ViewState state, Dialog.PriorityPrompt p, Key key) {
        if (key.type() == Key.Type.ESCAPE || key.is('q')) {
            return closed(state);
        }
        String text = p.text();
        if (key.type() == Key.Type.CHAR && !key.ctrl() && Character.isDigit(key.ch())
                && text.length() < DEFAULT_MAX_PRIORITY_CHARS) {
            text = text.equals("0") ? String.valueOf(key.ch()) : text + key.ch();
        } else if (key.is('-') && text.isEmpty()) {
            text = "-";
        } else if (key.type() == Key.Type.BACKSPACE && !text.isEmpty()) {
            text = text.substring(0, text.length() - 1);
        } else if (key.type() == Key.Type.UP || key.is('+') || key.type() == Key.Type.DOWN) {
            int step = key.type() == Key.Type.DOWN ? -1 : 1;
            text = Integer.toString(parse(text).orElse(p.current()) + step);
        } else if (key.type() == Key.Type.ENTER) {
            java.util.OptionalInt value = parse(text);
            if (value.isEmpty()) {
                return KeyResult.of(state.withMessage(Message.error("'" + text + "' is not a priority: type a whole"
                        + " number, e.g. 10 or -5")));
            }
            return KeyHandler.confirm(state, new Action.SetPriority(p.taskRef(), p.taskId(), value.getAsInt()));
        }
        return KeyResult.of(state.withDialog(new Dialog.PriorityPrompt(p.taskRef(), p.taskId(), p.current(), text)));
    }

    private static java.util.OptionalInt parse(String text) {
        try {
            return java.util.OptionalInt.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return java.util.OptionalInt.empty(); // the caller says what is wrong with the text
        }
    }

    private static KeyResult closed(ViewState state) {
        return KeyResult.of(state.withDialog(null).withMessage(Message.info("cancelled: nothing was sent")));
    }
}
