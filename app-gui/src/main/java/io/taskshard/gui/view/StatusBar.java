package io.taskshard.gui.view;

import io.taskshard.client.ConnectionState;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;

/**
 * The bottom line: a connection indicator (green live, amber connecting, red reconnecting or
 * closed, with the stream's words) and the last answer of the coordinator to a command.
 */
public final class StatusBar extends HBox {
    private final Circle light = new Circle(6, Color.GOLD);
    private final Label connection = new Label("connecting");
    private final Label message = new Label("ready");

    public StatusBar() {
        setId("status-bar");
        setSpacing(8);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(3, 8, 3, 8));
        setStyle("-fx-background-color: #eceff1; -fx-border-color: #cfd8dc; -fx-border-width: 1 0 0 0;");
        connection.setId("connection-state");
        message.setId("status-message");
        message.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(message, Priority.ALWAYS);
        getChildren().addAll(light, connection, new Label("|"), message);
    }

    /** Shows where the event stream stands, for {@code server}. */
    public void connection(String server, ConnectionState state) {
        light.setFill(switch (state) {
            case ConnectionState.Live live -> Color.LIMEGREEN;
            case ConnectionState.Connecting c -> Color.GOLD;
            case ConnectionState.Reconnecting r -> Color.ORANGERED;
            case ConnectionState.Closed c -> Color.GRAY;
            case ConnectionState.Refused r -> Color.RED;
        });
        connection.setText(server + ": " + state.describe());
    }

    /** A command went through, or something worth saying happened. */
    public void info(String text) {
        message.setStyle("");
        message.setText(text);
    }

    /** A command was refused or failed. */
    public void error(String text) {
        message.setStyle("-fx-text-fill: #c62828;");
        message.setText(text);
    }

    public String messageText() {
        return message.getText();
    }

    public String connectionText() {
        return connection.getText();
    }
}
