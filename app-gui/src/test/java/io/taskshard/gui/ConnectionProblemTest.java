package io.taskshard.gui;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.client.ConnectionState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The words of the dashboard's connection banner (Dashboard.connectionProblem), no FX needed. */
class ConnectionProblemTest {
    @Test
    void aRefusedTokenSaysWhyAndWhatToDo() {
        String text = Dashboard.connectionProblem("ci:7070", new ConnectionState.Refused(401,
                "unknown token; check --token / TASKSHARD_TOKEN", "pass a valid token with --token or TASKSHARD_TOKEN"));
        assertThat(text).isEqualTo("ci:7070 refused this dashboard (HTTP 401): unknown token; check --token /"
                + " TASKSHARD_TOKEN\nWhat to do: pass a valid token with --token or TASKSHARD_TOKEN");
    }

    @Test
    void aLostConnectionSaysWhyInFullAndALiveOneNeedsNoBanner() {
        assertThat(Dashboard.connectionProblem("ci:7070", new ConnectionState.Reconnecting(2, Duration.ofSeconds(2),
                "cannot connect to ws://ci:7070/api/v1/events: unknown host ci")))
                .startsWith("cannot reach ci:7070: reconnecting in ").endsWith("unknown host ci");
        assertThat(Dashboard.connectionProblem("ci:7070", new ConnectionState.Live())).isNull();
        assertThat(Dashboard.connectionProblem("ci:7070", new ConnectionState.Connecting(0))).isNull();
    }
}
