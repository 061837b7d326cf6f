package io.taskshard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every form an operator may type, and what each endpoint URI comes out as. */
class ServerAddressTest {

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1:7070                       | http://127.0.0.1:7070          | ws://127.0.0.1:7070
            localhost                            | http://localhost:7070          | ws://localhost:7070
            coord.example.com:9000               | http://coord.example.com:9000  | ws://coord.example.com:9000
            [::1]:7070                           | http://[::1]:7070              | ws://[::1]:7070
            http://coord:8080                    | http://coord:8080              | ws://coord:8080
            http://coord                         | http://coord:80                | ws://coord:80
            HTTP://coord:8080/                   | http://coord:8080              | ws://coord:8080
            https://coord                        | https://coord:443              | wss://coord:443
            https://coord:8443/api/v1            | https://coord:8443             | wss://coord:8443
            http://coord:8080/api/v1/jobs/3      | http://coord:8080              | ws://coord:8080
            ws://coord:7070                      | http://coord:7070              | ws://coord:7070
            ws://coord:7070/api/v1/events        | http://coord:7070              | ws://coord:7070
            wss://coord/v1/peer                  | https://coord:443              | wss://coord:443
            wss://coord/v1/peer/                 | https://coord:443              | wss://coord:443
            http://coord:7070/healthz            | http://coord:7070              | ws://coord:7070
            https://ci.example.com/taskshard/    | https://ci.example.com:443/taskshard | wss://ci.example.com:443/taskshard
            wss://ci.example.com/taskshard/api/v1/events | https://ci.example.com:443/taskshard | wss://ci.example.com:443/taskshard
            coord:7070/api/v1                    | http://coord:7070              | ws://coord:7070
            '  127.0.0.1:7070  '                 | http://127.0.0.1:7070          | ws://127.0.0.1:7070
            """)
    void acceptedForms(String text, String httpBase, String wsBase) {
        ServerAddress a = ServerAddress.parse(text);

        assertThat(a.httpBase()).hasToString(httpBase);
        assertThat(a.apiBase()).hasToString(httpBase + "/api/v1");
        assertThat(a.healthUri()).hasToString(httpBase + "/healthz");
        assertThat(a.eventsUri()).hasToString(wsBase + "/api/v1/events");
        assertThat(a.peerUri()).hasToString(wsBase + "/v1/peer");
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @CsvSource(delimiter = '|', textBlock = """
            ''                          | empty server address
            '   '                       | empty server address
            ftp://coord:21              | unknown scheme 'ftp'
            localhost:abc               | port 'abc' is not a number
            localhost:99999             | port 99999 is not between 1 and 65535
            localhost:0                 | port 0 is not between 1 and 65535
            :7070                       | no host before ':'
            http://                     | 'http://' is not a coordinator address
            http://user:pw@coord:7070   | user info
            coord:7070/api?x=1          | query or fragment
            coord 7070                  | it contains spaces
            """)
    void garbageIsRefusedSayingWhy(String text, String expected) {
        assertThatThrownBy(() -> ServerAddress.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expected)
                .satisfies(e -> {
                    if (!text.isBlank()) {
                        assertThat(e.getMessage()).contains("expected host:port, http(s)://host[:port]");
                    }
                });
    }
}
