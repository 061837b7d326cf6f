package io.taskshard.cli;

import java.lang.reflect.Field;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Help text that wraps only at spaces. picocli wraps with {@link java.text.BreakIterator}, which
 * breaks after '.', ':', '/', ',' and '=': {@code ~/.local/share} became {@code ~/.} and
 * {@code local/share} on two lines, {@code E.g.} became {@code E.} and {@code g.}, and
 * {@code localhost:7070} lost its port to the next line, so an example copied from the help no
 * longer worked. Here the punctuation of unstyled text is swapped for letters of a script help
 * text never uses (Vai) before picocli wraps it and swapped back after, so a path, a flag or a
 * {@code KEY=VALUE} stays whole on one line (one longer than the whole column is still cut).
 * Used for option and parameter descriptions, the description, the header and the footer.
 */
final class WholeTokenHelp extends Help {
    /** Where the stand-ins start: ASCII punctuation {@code c} stands in as {@code c + SHIFT}. */
    private static final int SHIFT = 0xA500;

    WholeTokenHelp(CommandSpec spec, ColorScheme colorScheme) {
        super(spec, colorScheme);
    }

    /** The factory to give {@link CommandLine#setHelpFactory}. */
    static CommandLine.IHelpFactory factory() {
        return WholeTokenHelp::new;
    }

    @Override
    public Layout createDefaultLayout(List<OptionSpec> options, List<PositionalParamSpec> positionals,
            ColorScheme scheme) {
        Layout layout = super.createDefaultLayout(options, positionals, scheme);
        TextTable table = tableOf(layout);
        if (table == null) {
            return layout;
        }
        return new Layout(scheme, WholeTokenTable.like(scheme, table), createDefaultOptionRenderer(),
                createDefaultParameterRenderer());
    }

    @Override
    public String description(Object... params) {
        return join(commandSpec().usageMessage().description(), params);
    }

    @Override
    public String header(Object... params) {
        return join(commandSpec().usageMessage().header(), params);
    }

    @Override
    public String footer(Object... params) {
        return join(commandSpec().usageMessage().footer(), params);
    }

    /** As picocli's own join (one row per line of the full width), with whole tokens. */
    private String join(String[] lines, Object... params) {
        StringBuilder out = new StringBuilder();
        if (lines == null || lines.length == 0) {
            return "";
        }
        WholeTokenTable table = new WholeTokenTable(colorScheme(),
                new Column(commandSpec().usageMessage().width(), 0, Column.Overflow.WRAP));
        table.setAdjustLineBreaksForWideCJKCharacters(commandSpec().usageMessage().adjustLineBreaksForWideCJKCharacters());
        table.indentWrappedLines = 0;
        for (String line : lines) {
            table.addRowValues(format(line, params));
        }
        table.toString(out);
        return out.toString();
    }

    private static String format(String line, Object... params) {
        return line == null ? "" : String.format(line, params);
    }

    /**
     * The layout's table: picocli keeps it protected and builds it with a column width it computes
     * privately, so it is read rather than rebuilt. Null (picocli's own wrapping then) if a picocli
     * version renames the field.
     */
    private static TextTable tableOf(Layout layout) {
        try {
            Field field = Layout.class.getDeclaredField("table");
            field.setAccessible(true);
            return (TextTable) field.get(layout);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** A text table that keeps tokens whole (see {@link WholeTokenHelp}). */
    static final class WholeTokenTable extends TextTable {
        private final ColorScheme scheme;

        WholeTokenTable(ColorScheme scheme, Column... columns) {
            super(scheme, columns);
            this.scheme = scheme;
        }

        static WholeTokenTable like(ColorScheme scheme, TextTable original) {
            WholeTokenTable table = new WholeTokenTable(scheme, original.columns());
            table.indentWrappedLines = original.indentWrappedLines;
            table.setAdjustLineBreaksForWideCJKCharacters(original.isAdjustLineBreaksForWideCJKCharacters());
            return table;
        }

        @Override
        public Cell putValue(int row, int col, Text value) {
            return super.putValue(row, col, mask(value));
        }

        @Override
        public StringBuilder toString(StringBuilder text) {
            int from = text.length();
            super.toString(text);
            for (int i = from; i < text.length(); i++) {
                text.setCharAt(i, unmask(text.charAt(i)));
            }
            return text;
        }

        @Override
        public String toString() {
            return toString(new StringBuilder()).toString();
        }

        /** Styled text (option names in colour) is left as it is: rebuilding it would drop the styles. */
        private Text mask(Text value) {
            String plain = value.plainString();
            if (!plain.equals(value.toString())) {
                return value;
            }
            char[] chars = plain.toCharArray();
            boolean changed = false;
            for (int i = 0; i < chars.length; i++) {
                if (isPunctuation(chars[i])) {
                    chars[i] = (char) (chars[i] + SHIFT);
                    changed = true;
                }
            }
            return changed ? scheme.ansi().new Text(new String(chars), scheme) : value;
        }

        private static char unmask(char c) {
            char original = (char) (c - SHIFT);
            return c >= SHIFT && isPunctuation(original) ? original : c;
        }

        private static boolean isPunctuation(char c) {
            return c > ' ' && c < 0x7f && !Character.isLetterOrDigit(c);
        }
    }
}
