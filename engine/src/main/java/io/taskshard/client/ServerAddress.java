package io.taskshard.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a coordinator listens, and the URIs of its endpoints. Every command that talks to a
 * coordinator takes the address as text and goes through {@link #parse}.
 *
 * <p>Accepted forms:
 * <ul>
 *   <li>{@code host:port} or {@code host} (port {@value #DEFAULT_PORT}); IPv6 as {@code [::1]:7070}</li>
 *   <li>{@code http://host[:port]} and {@code https://host[:port]} (port defaults to 80 / 443)</li>
 *   <li>{@code ws://host[:port]} and {@code wss://host[:port]}: the same server, plain or TLS</li>
 * </ul>
 * Any of them may carry a path. A path naming one of the coordinator's endpoints
 * ({@code /api/v1...}, {@code /v1/peer}, {@code /healthz}, {@code /metrics}) is cut off, so a
 * URL copied from a browser or a log works; any other path is kept as a prefix, for a
 * coordinator mounted under a sub-path behind a reverse proxy.
 *
 * @param secure   TLS ({@code https} / {@code wss})
 * @param host     host name or address; IPv6 addresses in brackets
 * @param port     TCP port, 1 to 65535
 * @param basePath "" or a prefix like {@code /taskshard} (no trailing slash)
 */
public record ServerAddress(boolean secure, String host, int port, String basePath) {
    /** Port assumed for a bare host (the coordinator's default port). */
    public static final int DEFAULT_PORT = 7070;
    /** The operator API, below the base. */
    public static final String API_PATH = "/api/v1";
    /** The operator event stream (WebSocket), below the base. */
    public static final String EVENTS_PATH = API_PATH + "/events";
    /** The peer protocol's WebSocket, below the base. */
    public static final String PEER_PATH = "/v1/peer";
    public static final String HEALTH_PATH = "/healthz";

    private static final String FORMS = "expected host:port, http(s)://host[:port] or ws(s)://host[:port]";

    public ServerAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("a server address needs a host");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
        }
        basePath = basePath == null ? "" : basePath;
        if (!basePath.isEmpty() && (!basePath.startsWith("/") || basePath.endsWith("/"))) {
            throw new IllegalArgumentException("basePath must be empty or start and not end with '/', got '"
                    + basePath + "'");
        }
    }

    /**
     * Reads an address as a user typed it.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code text} and which forms work
     */
    public static ServerAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty server address; " + FORMS);
        }
        String s = text.strip();
        if (s.chars().anyMatch(Character::isWhitespace)) {
            throw bad(text, "it contains spaces");
        }
        int schemeEnd = s.indexOf("://");
        String scheme = schemeEnd < 0 ? null : s.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        boolean secure;
        if (scheme == null) {
            secure = false;
            s = "http://" + s;
        } else {
            secure = switch (scheme) {
                case "http", "ws" -> false;
                case "https", "wss" -> true;
                default -> throw bad(text, "unknown scheme '" + scheme + "'");
            };
        }
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            throw bad(text, e.getReason() + (e.getIndex() >= 0 ? " at index " + e.getIndex() : ""));
        }
        if (uri.getRawUserInfo() != null) {
            throw bad(text, "user info (credentials) in the address is not supported; pass a token instead");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw bad(text, "it has a query or fragment (?.. or #..)");
        }
        if (uri.getHost() == null) {
            throw bad(text, hostProblem(uri));
        }
        int port = uri.getPort();
        if (port == -1) {
            port = scheme == null ? DEFAULT_PORT : secure ? 443 : 80;
        } else if (port < 1 || port > 65_535) {
            throw bad(text, "port " + port + " is not between 1 and 65535");
        }
        return new ServerAddress(secure, uri.getHost(), port, basePath(uri.getRawPath()));
    }

    /** {@code http(s)://host:port[/base]}: the root the coordinator's HTTP routes hang from. */
    public URI httpBase() {
        return URI.create((secure ? "https" : "http") + "://" + authority() + basePath);
    }

    /** {@code http(s)://host:port[/base]/api/v1}: the operator API. */
    public URI apiBase() {
        return URI.create(httpBase() + API_PATH);
    }

    /** {@code ws(s)://host:port[/base]/api/v1/events}: the operator event stream. */
    public URI eventsUri() {
        return URI.create((secure ? "wss" : "ws") + "://" + authority() + basePath + EVENTS_PATH);
    }

    /** {@code ws(s)://host:port[/base]/v1/peer}: where peers connect. */
    public URI peerUri() {
        return URI.create((secure ? "wss" : "ws") + "://" + authority() + basePath + PEER_PATH);
    }

    /** {@code http(s)://host:port[/base]/healthz}. */
    public URI healthUri() {
        return URI.create(httpBase() + HEALTH_PATH);
    }

    /** {@code host:port}, for titles and status lines. */
    public String authority() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return httpBase().toString();
    }

    /** Cuts a trailing endpoint path off, keeps a proxy prefix. */
    private static String basePath(String rawPath) {
        String path = rawPath == null ? "" : rawPath;
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1); // "wss://h/v1/peer/" names the peer endpoint too
        }
        int api = path.indexOf(API_PATH);
        if (api >= 0 && (path.length() == api + API_PATH.length() || path.charAt(api + API_PATH.length()) == '/')) {
            path = path.substring(0, api);
        }
        for (String endpoint : new String[] {PEER_PATH, HEALTH_PATH, "/metrics"}) {
            if (path.endsWith(endpoint)) {
                path = path.substring(0, path.length() - endpoint.length());
            }
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path;
    }

    private static String hostProblem(URI uri) {
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            return "it has no host";
        }
        int colon = authority.lastIndexOf(':');
        if (colon == 0) {
            return "it has no host before ':'";
        }
        if (colon > 0 && !authority.endsWith("]")) {
            String port = authority.substring(colon + 1);
            if (port.isEmpty() || !port.chars().allMatch(Character::isDigit)) {
                return "port '" + port + "' is not a number";
            }
            if (port.length() > 5) {
                return "port " + port + " is not between 1 and 65535";
            }
        }
        return "'" + authority + "' is not a valid host[:port]";
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("'" + text + "' is not a coordinator address: " + why + "; " + FORMS);
    }
}
