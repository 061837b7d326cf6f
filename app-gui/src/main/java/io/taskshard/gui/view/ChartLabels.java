package io.taskshard.gui.view;

import javafx.scene.control.Label;

/** The labels a chart shows over its canvas: the hover tooltip and the "no chart, because" message. */
final class ChartLabels {
    private ChartLabels() {
    }

    /** A bar's hover text, placed by {@link #showAt}. */
    static Label tooltip() {
        Label tooltip = overlay();
        tooltip.getStyleClass().add("gantt-tooltip");
        tooltip.setStyle("-fx-background-color: #fffde7; -fx-border-color: #888; -fx-padding: 4 6; -fx-font-size: 11;");
        return tooltip;
    }

    /** Why no chart is shown (it failed to build). */
    static Label message() {
        Label message = overlay();
        message.setId("gantt-message");
        message.setWrapText(true);
        message.setStyle("-fx-background-color: #ffebee; -fx-text-fill: #b71c1c; -fx-border-color: #e57373;"
                + " -fx-padding: 10 14; -fx-font-size: 13;");
        return message;
    }

    /** Shows {@code tooltip} saying {@code text} beside the pointer at (x, y), inside a w×h parent. */
    static void showAt(Label tooltip, String text, double x, double y, double w, double h) {
        tooltip.setText(text);
        tooltip.autosize();
        double left = x + 14 + tooltip.getWidth() > w ? x - tooltip.getWidth() - 8 : x + 14;
        double top = y + 16 + tooltip.getHeight() > h ? y - tooltip.getHeight() - 4 : y + 16;
        tooltip.relocate(Math.max(0, left), Math.max(0, top));
        tooltip.setVisible(true);
    }

    private static Label overlay() {
        Label label = new Label();
        label.setVisible(false);
        label.setManaged(false);
        label.setMouseTransparent(true);
        return label;
    }
}
