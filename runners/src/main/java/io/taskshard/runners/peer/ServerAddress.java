package io.taskshard.runners.peer;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * What a user may type for "the coordinator" ({@code host:port}, {@code http://},
 * {@code https://}, {@code ws://}, {@code wss://}), turned into the peer WebSocket URL
 * {@code ws(s)://host:port/v1/peer}. Pure: no lookups.
 *
 * <ul>
 *   <li>{@code coord:7070}, {@code coord} → {@code ws://coord:7070/v1/peer} (no scheme and no
 *       port: port {@value #DEFAULT_PORT});</li>
 *   <li>{@code http://coord:8080} → {@code ws://coord:8080/v1/peer}; {@code https://coord} →
 *       {@code wss://coord/v1/peer} (the scheme's own default port);</li>
 *   <li>a path is kept as a prefix (a coordinator behind a reverse proxy):
 *       {@code https://ci.example.com/taskshard} → {@code wss://ci.example.com/taskshard/v1/peer};
 *       a path already ending in {@code /v1/peer} is kept as it is.</li>
 * </ul>
 */
public final class ServerAddress {
    /** The coordinator's default port, used when neither a scheme nor a port is given. */
    public static final int DEFAULT_PORT = 7070;
    /** The peer endpoint's path (PROTOCOL.md). */
    public static final String PEER_PATH = "/v1/peer";

    private ServerAddress() {
    }

    /**
     * The peer WebSocket URL for {@code text}.
     *
     * @throws IllegalArgumentException saying what is wrong with the address
     */
    public static URI peerUri(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the server address is empty; give host:port, http(s)://… or ws(s)://…");
        }
        String t = text.trim();
        boolean hasScheme = t.contains("://");
        URI uri;
        try {
            uri = new URI(hasScheme ? t : "ws://" + t);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a server address: " + e.getReason()
                    + "; give host:port, http(s)://… or ws(s)://…", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String wsScheme = switch (scheme) {
            case "ws", "http" -> "ws";
            case "wss", "https" -> "wss";
            default -> throw new IllegalArgumentException("'" + text + "' has scheme '" + scheme
                    + "'; a server address is host:port, http(s)://… or ws(s)://…");
        };
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            String authority = uri.getRawAuthority();
            throw new IllegalArgumentException(authority == null
                    ? "'" + text + "' names no host; e.g. coordinator.example.com:7070"
                    : "'" + text + "': '" + authority + "' is not host:port (a host name or address, then an optional"
                    + " port number)");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("'" + text + "' has a query or fragment; give just the host, port and path");
        }
        int port = uri.getPort();
        if (port < 0 && !hasScheme) {
            port = DEFAULT_PORT;
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (!path.endsWith(PEER_PATH)) {
            path = path + PEER_PATH;
        }
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return URI.create(wsScheme + "://" + hostPart + (port >= 0 ? ":" + port : "") + path);
    }

    /** The coordinator's HTTP base ({@code http(s)://host:port} plus any prefix) for a peer URL. */
    public static URI httpBase(URI peerUri) {
        String scheme = "wss".equals(peerUri.getScheme()) ? "https" : "http";
        String path = peerUri.getRawPath();
        if (path.endsWith(PEER_PATH)) {
            path = path.substring(0, path.length() - PEER_PATH.length());
        }
        return URI.create(scheme + "://" + peerUri.getRawAuthority() + path);
    }
}
