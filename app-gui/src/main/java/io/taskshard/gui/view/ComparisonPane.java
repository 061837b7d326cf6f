package io.taskshard.gui.view;

import io.taskshard.analysis.Comparison;
import io.taskshard.gui.gantt.Timeline;
import io.taskshard.gui.gantt.Timelines;
import io.taskshard.model.Durations;
import java.time.Clock;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * The selected job run three ways: linear, parallel and sharded as Gantt strips on one time
 * scale with the lower bound marked, a small chart of makespan and CPU time per run, and the
 * figures in the engine's words ({@link Comparison#summary()}).
 */
public final class ComparisonPane extends BorderPane {
    static final double CHART_HEIGHT = 104;
    private static final Color[] RUN_COLORS = {Color.rgb(158, 158, 158), Color.rgb(121, 134, 203),
        Color.rgb(76, 175, 80)};

    private final GanttView strips;
    private final Canvas chart = new Canvas(10, CHART_HEIGHT);
    private final Label summary = new Label("select a job to compare how it ran");
    private Comparison comparison;

    public ComparisonPane(Clock clock) {
        setId("comparison");
        strips = new GanttView(clock, false);
        summary.setPadding(new Insets(4, 6, 4, 6));
        summary.setWrapText(true);
        setTop(summary);
        setCenter(strips);
        BorderPane bottom = new BorderPane(chart);
        bottom.setMinHeight(CHART_HEIGHT);
        bottom.setPrefHeight(CHART_HEIGHT);
        chart.widthProperty().bind(bottom.widthProperty());
        chart.widthProperty().addListener((o, a, b) -> paintChart());
        setBottom(bottom);
    }

    public void show(Comparison c) {
        comparison = c;
        Timeline t = Timelines.comparison(c);
        strips.setTimeline(t);
        strips.fit();
        summary.setText(ViewWords.comparison(c));
        paintChart();
    }

    public void showMessage(String message) {
        comparison = null;
        summary.setText(message);
        strips.setTimeline(Timeline.EMPTY);
        paintChart();
    }

    /** The strips' timeline (tests look at its groups). */
    public Timeline timeline() {
        return strips.timeline();
    }

    public Comparison comparison() {
        return comparison;
    }

    public String summaryText() {
        return summary.getText();
    }

    /** Makespan and CPU time of each run as horizontal bars on one scale, lower bound marked. */
    private void paintChart() {
        GraphicsContext gc = chart.getGraphicsContext2D();
        double w = chart.getWidth();
        gc.setFill(Color.WHITE);
        gc.fillRect(0, 0, w, CHART_HEIGHT);
        if (comparison == null) {
            return;
        }
        List<Comparison.Run> runs = List.of(comparison.linear(), comparison.parallel(), comparison.sharded());
        String[] names = {"linear", "parallel", "sharded"};
        double max = 1;
        for (Comparison.Run r : runs) {
            max = Math.max(max, Math.max(r.makespanMs(), r.cpuMs()));
        }
        double left = 150;
        double plot = Math.max(10, w - left - 90);
        gc.setFont(Font.font("System", 11));
        gc.setTextBaseline(VPos.CENTER);
        double row = 14;
        double y = 6;
        for (int i = 0; i < runs.size(); i++) {
            Comparison.Run r = runs.get(i);
            drawBar(gc, names[i] + " makespan", r.makespanMs(), max, left, plot, y, row, RUN_COLORS[i]);
            y += row + 1;
            drawBar(gc, names[i] + " CPU", r.cpuMs(), max, left, plot, y, row, RUN_COLORS[i].deriveColor(0, 0.5, 1.15, 1));
            y += row + 3;
        }
        double bx = left + comparison.lowerBound().ms() / max * plot;
        gc.setStroke(Color.rgb(200, 30, 30));
        gc.setLineDashes(4, 3);
        gc.strokeLine(bx, 2, bx, y);
        gc.setLineDashes();
    }

    private static void drawBar(GraphicsContext gc, String label, long ms, double max, double left, double plot,
            double y, double h, Color color) {
        gc.setFill(Color.rgb(33, 37, 41));
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.fillText(label, left - 6, y + h / 2);
        gc.setFill(color);
        double bw = Math.max(1, ms / max * plot);
        gc.fillRect(left, y, bw, h);
        gc.setFill(Color.rgb(33, 37, 41));
        gc.setTextAlign(TextAlignment.LEFT);
        gc.fillText(Durations.format(ms), left + bw + 4, y + h / 2);
    }
}
