package io.taskshard.gui.view;

import io.taskshard.client.ServerAddress;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * Asks which coordinator to show: an address (remembered ones offered, most recent first) and
 * an optional operator token. An address that does not parse is refused in the dialog itself,
 * with the parser's reason.
 */
public final class ConnectDialog extends Dialog<ConnectDialog.Choice> {
    /** What the user picked: the address as typed, parsed, and the token (null for none). */
    public record Choice(String typed, ServerAddress address, String token) {
    }

    public ConnectDialog(Window owner, List<String> remembered, String current) {
        initOwner(owner);
        setTitle("taskshard: connect to a coordinator");
        setHeaderText("Show another coordinator (its operator API and event stream)");
        ComboBox<String> server = new ComboBox<>();
        server.setId("connect-server");
        server.setEditable(true);
        server.getItems().setAll(remembered);
        server.setValue(current);
        server.setPrefWidth(320);
        PasswordField token = new PasswordField();
        token.setPromptText("operator token (optional)");
        Label error = new Label();
        error.setStyle("-fx-text-fill: #c62828;");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(10));
        grid.addRow(0, new Label("server"), server);
        grid.addRow(1, new Label("token"), token);
        grid.add(error, 0, 2, 2, 1);
        getDialogPane().setContent(grid);
        ButtonType connect = new ButtonType("Connect", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().setAll(connect, ButtonType.CANCEL);
        getDialogPane().lookupButton(connect).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            Optional<String> problem = problem(server.getEditor().getText());
            problem.ifPresent(p -> {
                error.setText(p);
                e.consume(); // keep the dialog open
            });
        });
        setResultConverter(button -> {
            if (button != connect) {
                return null;
            }
            String typed = server.getEditor().getText().strip();
            String t = token.getText().isBlank() ? null : token.getText().strip();
            return new Choice(typed, ServerAddress.parse(typed), t);
        });
    }

    /** Why {@code typed} is not a server address, if it is not. */
    static Optional<String> problem(String typed) {
        if (typed == null || typed.isBlank()) {
            return Optional.of("type an address, e.g. coordinator:7070");
        }
        try {
            ServerAddress.parse(typed.strip());
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }
}
