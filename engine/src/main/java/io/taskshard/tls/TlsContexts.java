package io.taskshard.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** {@link SSLContext}s from PEM files: the server's (cert chain + key) and a client's (trusted CA). */
public final class TlsContexts {
    private static final char[] IN_MEMORY_PASSWORD = "in-memory".toCharArray();

    private TlsContexts() {
    }

    /**
     * A server context presenting the chain in {@code certFile} with the key in {@code keyFile}.
     *
     * @throws IllegalArgumentException naming the file that is wrong
     */
    public static SSLContext server(Path certFile, Path keyFile) {
        List<X509Certificate> chain = Pem.certificates(certFile);
        PrivateKey key = Pem.privateKey(keyFile);
        if (!chain.getFirst().getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
            throw new IllegalArgumentException(keyFile + " holds a " + key.getAlgorithm() + " key but the first "
                    + "certificate of " + certFile + " has a " + chain.getFirst().getPublicKey().getAlgorithm()
                    + " key: they do not belong together");
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key, IN_MEMORY_PASSWORD, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, IN_MEMORY_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("cannot use " + certFile + " with " + keyFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * A client context trusting the certificates in {@code caFile} (a private CA) in addition to
     * nothing else: a server must present a chain signed by one of them.
     *
     * @throws IllegalArgumentException naming the file when it holds no certificate
     */
    public static SSLContext trusting(Path caFile) {
        List<X509Certificate> cas = Pem.certificates(caFile);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                store.setCertificateEntry("ca-" + i, cas.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("cannot trust the CA certificates of " + caFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * Words for a failed TLS handshake: when the server's certificate is not trusted, say how
     * to fix it; null when {@code error} holds no TLS failure.
     */
    public static String explain(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException ssl) {
                String m = String.valueOf(ssl.getMessage());
                if (m.contains("PKIX") || m.contains("certification path") || m.contains("No subject alternative")
                        || m.contains("No name matching")) {
                    return "TLS: the coordinator's certificate is not trusted (" + m + "); if it comes from a "
                            + "private CA, pass that CA with --ca-cert FILE";
                }
                return "TLS handshake failed: " + m;
            }
        }
        return null;
    }
}
