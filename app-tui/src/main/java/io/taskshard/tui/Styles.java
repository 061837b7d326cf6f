package io.taskshard.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.TextColor.ANSI;
import io.taskshard.tui.view.Style;
import java.util.EnumMap;
import java.util.Map;

/**
 * How each {@link Style} looks: the 16 ANSI colours every terminal has, with bold or reverse
 * where a monochrome terminal needs them (bars also differ by glyph, see Glyphs).
 */
final class Styles {
    private record Look(TextColor fg, TextColor bg, SGR[] sgr) {
    }

    private static final Map<Style, Look> LOOKS = new EnumMap<>(Style.class);

    static {
        look(Style.NORMAL, ANSI.DEFAULT, ANSI.DEFAULT);
        look(Style.DIM, ANSI.BLACK_BRIGHT, ANSI.DEFAULT);
        look(Style.BOLD, ANSI.DEFAULT, ANSI.DEFAULT, SGR.BOLD);
        look(Style.HEADER, ANSI.WHITE_BRIGHT, ANSI.BLUE, SGR.BOLD);
        look(Style.TAB, ANSI.DEFAULT, ANSI.DEFAULT);
        look(Style.TAB_ACTIVE, ANSI.DEFAULT, ANSI.DEFAULT, SGR.REVERSE, SGR.BOLD);
        look(Style.SELECTED, ANSI.DEFAULT, ANSI.DEFAULT, SGR.REVERSE);
        look(Style.KEYS, ANSI.BLACK, ANSI.WHITE);
        look(Style.AXIS, ANSI.CYAN, ANSI.DEFAULT);
        look(Style.NOW, ANSI.YELLOW_BRIGHT, ANSI.DEFAULT, SGR.BOLD);
        look(Style.BLOCKED, ANSI.BLACK_BRIGHT, ANSI.DEFAULT);
        look(Style.WAITING, ANSI.YELLOW, ANSI.DEFAULT);
        look(Style.RUNNING, ANSI.BLACK, ANSI.CYAN);
        look(Style.SUCCESS, ANSI.BLACK, ANSI.GREEN);
        look(Style.FAILURE, ANSI.WHITE_BRIGHT, ANSI.RED, SGR.BOLD);
        look(Style.LOST, ANSI.BLACK, ANSI.MAGENTA);
        look(Style.CANCELLED, ANSI.WHITE, ANSI.BLACK_BRIGHT);
        look(Style.LOWER_BOUND, ANSI.MAGENTA_BRIGHT, ANSI.DEFAULT, SGR.BOLD);
        look(Style.OK, ANSI.GREEN_BRIGHT, ANSI.DEFAULT);
        look(Style.PENDING, ANSI.YELLOW, ANSI.DEFAULT);
        look(Style.WARN, ANSI.YELLOW_BRIGHT, ANSI.DEFAULT, SGR.BOLD);
        look(Style.ERROR, ANSI.RED_BRIGHT, ANSI.DEFAULT, SGR.BOLD);
        look(Style.DIALOG, ANSI.WHITE_BRIGHT, ANSI.BLUE);
        look(Style.DIALOG_TITLE, ANSI.YELLOW_BRIGHT, ANSI.BLUE, SGR.BOLD);
        look(Style.FOCUS, ANSI.BLACK, ANSI.YELLOW_BRIGHT, SGR.BOLD);
        for (Style s : Style.values()) {
            if (!LOOKS.containsKey(s)) {
                throw new IllegalStateException("no look for style " + s);
            }
        }
    }

    private Styles() {
    }

    private static void look(Style style, TextColor fg, TextColor bg, SGR... sgr) {
        LOOKS.put(style, new Look(fg, bg, sgr));
    }

    static TextCharacter character(char c, Style style) {
        Look look = LOOKS.get(style);
        return TextCharacter.fromCharacter(c, look.fg(), look.bg(), look.sgr())[0];
    }
}
