package io.taskshard.runners.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerAddressTest {
    @ParameterizedTest
    @CsvSource({
        "coordinator:8080, ws://coordinator:8080/v1/peer",
        "coordinator, ws://coordinator:7070/v1/peer",
        "127.0.0.1:7070, ws://127.0.0.1:7070/v1/peer",
        "http://coordinator:8080, ws://coordinator:8080/v1/peer",
        "http://coordinator:8080/, ws://coordinator:8080/v1/peer",
        "https://ci.example.com, wss://ci.example.com/v1/peer",
        "HTTPS://ci.example.com/taskshard/, wss://ci.example.com/taskshard/v1/peer",
        "ws://h:1/v1/peer, ws://h:1/v1/peer",
        "wss://h/v1/peer/, wss://h/v1/peer",
        "'  ws://h:9  ', ws://h:9/v1/peer",
        "[::1]:7070, ws://[::1]:7070/v1/peer",
    })
    void normalisesWhatUsersType(String typed, String expected) {
        assertThat(ServerAddress.peerUri(typed)).isEqualTo(URI.create(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ftp://h:1 | scheme 'ftp'",
        "'' | empty",
        "http:// | is not a server address",
        "http://h:1/?x=1 | query or fragment",
        "h:notaport | is not host:port",
    })
    void refusesWhatIsNotAServerAddressSayingWhy(String typed, String why) {
        assertThatThrownBy(() -> ServerAddress.peerUri(typed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(why);
    }

    @Test
    void httpBaseIsTheOperatorSideOfTheSameServer() {
        assertThat(ServerAddress.httpBase(URI.create("wss://ci.example.com/taskshard/v1/peer")))
                .isEqualTo(URI.create("https://ci.example.com/taskshard"));
        assertThat(ServerAddress.httpBase(URI.create("ws://h:7070/v1/peer"))).isEqualTo(URI.create("http://h:7070"));
    }
}
