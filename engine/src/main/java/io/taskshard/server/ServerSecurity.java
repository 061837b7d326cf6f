package io.taskshard.server;

import io.taskshard.auth.AuthMode;
import java.nio.file.Path;

/**
 * How the server guards itself (docs/security.md).
 *
 * @param auth    when tokens are required ({@code --auth auto|required|off})
 * @param tlsCert PEM certificate chain (leaf first) to serve https/wss with; null = plain http/ws
 * @param tlsKey  PEM (PKCS#8) private key of the leaf certificate; set together with {@code tlsCert}
 */
public record ServerSecurity(AuthMode auth, Path tlsCert, Path tlsKey) {
    public static final ServerSecurity DEFAULTS = new ServerSecurity(AuthMode.DEFAULT, null, null);

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
        return new ServerSecurity(v, tlsCert, tlsKey);
    }

    public ServerSecurity withTls(Path cert, Path key) {
        return new ServerSecurity(auth, cert, key);
    }
}
