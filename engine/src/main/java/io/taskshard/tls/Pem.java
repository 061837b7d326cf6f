package io.taskshard.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM files: certificates (a chain: leaf first, then intermediates) and an unencrypted
 * PKCS#8 private key ({@code BEGIN PRIVATE KEY}: RSA, EC or Ed25519), as openssl, certbot,
 * cert-manager and step-ca write them.
 */
public final class Pem {
    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448");

    private Pem() {
    }

    /**
     * Every certificate in the file, in order.
     *
     * @throws IllegalArgumentException naming the file when it cannot be read or holds no certificate
     */
    public static List<X509Certificate> certificates(Path file) {
        byte[] bytes = read(file, "certificate");
        try {
            List<X509Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes)).stream()
                    .map(X509Certificate.class::cast).toList();
            if (certs.isEmpty()) {
                throw new IllegalArgumentException(file + ": no certificate in it (expected -----BEGIN CERTIFICATE-----)");
            }
            return certs;
        } catch (CertificateException e) {
            throw new IllegalArgumentException(file + ": not a PEM certificate file: " + e.getMessage(), e);
        }
    }

    /**
     * The private key in the file.
     *
     * @throws IllegalArgumentException naming the file, with a conversion hint for other formats
     */
    public static PrivateKey privateKey(Path file) {
        String text = new String(read(file, "private key"), StandardCharsets.US_ASCII);
        Matcher m = PRIVATE_KEY.matcher(text);
        if (!m.find()) {
            String hint = text.contains("BEGIN RSA PRIVATE KEY") || text.contains("BEGIN EC PRIVATE KEY")
                    ? "it is in the old PKCS#1/SEC1 form; convert it with 'openssl pkcs8 -topk8 -nocrypt -in "
                    + file.getFileName() + " -out key.pem'"
                    : text.contains("ENCRYPTED PRIVATE KEY") ? "it is encrypted; taskshard needs an unencrypted key "
                    + "(protect the file with permissions)" : "expected -----BEGIN PRIVATE KEY----- (PKCS#8)";
            throw new IllegalArgumentException(file + ": no usable private key: " + hint);
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(1));
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not this algorithm: try the next one
            }
        }
        throw new IllegalArgumentException(file + ": the private key is not RSA, EC or Ed25519/Ed448");
    }

    private static byte[] read(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the " + what + " file " + file + ": " + e, e);
        }
    }
}
