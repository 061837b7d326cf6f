package io.taskshard.tui;

import com.googlecode.lanterna.input.KeyStroke;
import io.taskshard.tui.state.Key;

/** Lanterna's key strokes as the dashboard's own {@link Key}s. */
final class Keys {
    private Keys() {
    }

    static Key of(KeyStroke stroke) {
        return switch (stroke.getKeyType()) {
            case Character -> new Key(Key.Type.CHAR, stroke.getCharacter(), stroke.isCtrlDown());
            case Enter -> Key.of(Key.Type.ENTER);
            case Escape -> Key.of(Key.Type.ESCAPE);
            case Tab, ReverseTab -> Key.of(Key.Type.TAB);
            case Backspace, Delete -> Key.of(Key.Type.BACKSPACE);
            case ArrowUp -> Key.of(Key.Type.UP);
            case ArrowDown -> Key.of(Key.Type.DOWN);
            case ArrowLeft -> Key.of(Key.Type.LEFT);
            case ArrowRight -> Key.of(Key.Type.RIGHT);
            case PageUp -> Key.of(Key.Type.PAGE_UP);
            case PageDown -> Key.of(Key.Type.PAGE_DOWN);
            case Home -> Key.of(Key.Type.HOME);
            case End -> Key.of(Key.Type.END);
            default -> Key.of(Key.Type.OTHER);
        };
    }
}
