package io.taskshard.runners.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away CA and a server certificate for 127.0.0.1/localhost signed by it, made at test
 * time with the JDK's {@code keytool} (nothing committed), written as the PEM files taskshard
 * reads: {@code ca.pem}, {@code chain.pem} (leaf then CA) and {@code key.pem} (PKCS#8).
 *
 * @param ca    the CA certificate clients pass as {@code --ca-cert}
 * @param chain the server's certificate chain ({@code --tls-cert})
 * @param key   the server's private key ({@code --tls-key})
 */
public record TestCertificates(Path ca, Path chain, Path key) {
    private static final String PASS = "test-only";

    /** Makes the files in {@code dir}; each call makes a fresh, unrelated CA. */
    public static TestCertificates create(Path dir) {
        try {
            Files.createDirectories(dir);
            Path caStore = dir.resolve("ca.p12");
            Path serverStore = dir.resolve("server.p12");
            keytool(dir, "-genkeypair", "-keystore", caStore, "-alias", "ca", "-keyalg", "EC", "-groupname",
                    "secp256r1", "-dname", "CN=taskshard test CA", "-ext", "bc:c", "-validity", "2");
            keytool(dir, "-exportcert", "-rfc", "-keystore", caStore, "-alias", "ca", "-file", dir.resolve("ca.pem"));
            keytool(dir, "-genkeypair", "-keystore", serverStore, "-alias", "server", "-keyalg", "EC", "-groupname",
                    "secp256r1", "-dname", "CN=localhost", "-validity", "2");
            keytool(dir, "-certreq", "-keystore", serverStore, "-alias", "server", "-file", dir.resolve("server.csr"));
            keytool(dir, "-gencert", "-rfc", "-keystore", caStore, "-alias", "ca", "-infile", dir.resolve("server.csr"),
                    "-outfile", dir.resolve("server.pem"), "-ext", "san=ip:127.0.0.1,dns:localhost",
                    "-ext", "eku=serverAuth", "-validity", "2");
            Path chain = dir.resolve("chain.pem");
            Files.writeString(chain, Files.readString(dir.resolve("server.pem")) + Files.readString(dir.resolve("ca.pem")));
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(serverStore)) {
                store.load(in, PASS.toCharArray());
            }
            PrivateKey key = (PrivateKey) store.getKey("server", PASS.toCharArray());
            Path keyFile = dir.resolve("key.pem");
            Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
            return new TestCertificates(dir.resolve("ca.pem"), chain, keyFile);
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot make test certificates in " + dir, e);
        }
    }

    private static void keytool(Path dir, Object... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        for (Object a : args) {
            command.add(a.toString());
        }
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASS));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("keytool " + args[0] + " did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        }
        String output = new String(p.getInputStream().readAllBytes());
        if (p.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", command) + " failed: " + output);
        }
    }
}
