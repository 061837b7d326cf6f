package io.taskshard.server;

import io.taskshard.auth.AuthMode;
import java.nio.file.Path;

/**
 * How the server guards itself (docs/security.md).
 *
 * @param auth    when tokens are required ({@code --auth auto|required|off})
 * @param tlsCert PEM certificate chain (leaf first) to serve https/wss with; null = plain http/ws
 * @param tlsKey  PEM (PKCS#8) private key of the leaf certificate; set together with {@code tlsCert}
 * @param authOffNotice what to warn instead of the start-up's own words when it starts with auth off and
 *                a warning (an embedded coordinator, e.g. the demo's, whose data directory is temporary:
 *                advice to create a token there would be wrong); null = the start-up's own words
 */
public record ServerSecurity(AuthMode auth, Path tlsCert, Path tlsKey, String authOffNotice) {
    public static final ServerSecurity DEFAULTS = new ServerSecurity(AuthMode.DEFAULT, null, null);

    public ServerSecurity(AuthMode auth, Path tlsCert, Path tlsKey) {
        this(auth, tlsCert, tlsKey, null);
    }

    public ServerSecurity {
        auth = auth == null ? AuthMode.DEFAULT : auth;
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("TLS needs both a certificate (--tls-cert / tls-cert) and its key "
                    + "(--tls-key / tls-key); got only the " + (tlsCert == null ? "key" : "certificate"));
        }
    }

    public boolean tls() {
        return tlsCert != null;
    }

    public ServerSecurity withAuth(AuthMode v) {
        return new ServerSecurity(v, tlsCert, tlsKey, authOffNotice);
    }

    public ServerSecurity withTls(Path cert, Path key) {
        return new ServerSecurity(auth, cert, key, authOffNotice);
    }

    public ServerSecurity withAuthOffNotice(String v) {
        return new ServerSecurity(auth, tlsCert, tlsKey, v);
    }
}
