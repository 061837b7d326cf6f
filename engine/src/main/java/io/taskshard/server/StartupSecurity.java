package io.taskshard.server;

import io.taskshard.auth.AuthMode;
import java.nio.file.Path;

/**
 * Secure defaults, decided once at start-up (pure: the caller finds out whether the bind
 * address is loopback and how many tokens there are).
 *
 * <ul>
 *   <li>auth {@code auto}, no token, loopback: start with auth off and a warning;</li>
 *   <li>auth {@code auto}, no token, any other address: refuse to start, saying how to create a token;</li>
 *   <li>auth {@code required}, no token: start, warning that nobody gets in until a token exists;</li>
 *   <li>auth {@code off} on a non-loopback address: start with a warning (a proxy is expected to authenticate).</li>
 * </ul>
 */
final class StartupSecurity {
    private StartupSecurity() {
    }

    /** What to do: start quietly, start with a warning, or refuse with a message. */
    sealed interface Outcome {
        record Start() implements Outcome {
        }

        record Warn(String message) implements Outcome {
        }

        record Refuse(String message) implements Outcome {
        }
    }

    static Outcome decide(AuthMode mode, boolean loopback, int liveTokens, String bind, Path dataDir) {
        String create = "taskshard token create --role admin --name me --data " + dataDir;
        return switch (mode) {
            case OFF -> loopback ? new Outcome.Warn("auth is off (--auth off): anyone who can connect to "
                    + bind + " may read and steer")
                    : new Outcome.Warn("auth is off (--auth off) on " + bind + ", which is reachable from other "
                    + "hosts: anyone who can connect may read and steer; only do this behind a proxy that "
                    + "authenticates");
            case REQUIRED -> liveTokens > 0 ? new Outcome.Start()
                    : new Outcome.Warn("auth is required but there is no token yet: every request is refused "
                    + "until one exists; create one with: " + create);
            case AUTO -> {
                if (liveTokens > 0) {
                    yield new Outcome.Start();
                }
                yield loopback ? new Outcome.Warn("auth is off: there are no API tokens, and " + bind
                        + " is loopback so only this host can connect; auth turns on as soon as a token "
                        + "exists (" + create + ")")
                        : new Outcome.Refuse("refusing to listen on " + bind + " without API tokens: anyone who "
                        + "can reach it could steer jobs. Create a token first (" + create + "), or bind to "
                        + "127.0.0.1, or pass --auth off if a proxy in front authenticates");
            }
        };
    }
}
