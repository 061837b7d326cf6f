package io.taskshard.tls;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEM files that cannot be used get an answer naming the file and the way out. */
class PemTest {
    @TempDir
    Path dir;

    @Test
    void anOldStyleKeyIsRefusedWithTheConversionCommand() throws Exception {
        Path key = Files.writeString(dir.resolve("old.pem"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        assertThatThrownBy(() -> Pem.privateKey(key)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(key.toString()).hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void anEncryptedKeyIsRefused() throws Exception {
        Path key = Files.writeString(dir.resolve("enc.pem"),
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
        assertThatThrownBy(() -> Pem.privateKey(key)).hasMessageContaining("encrypted");
    }

    @Test
    void aMissingOrEmptyCertificateFileIsNamed() throws Exception {
        assertThatThrownBy(() -> TlsContexts.trusting(dir.resolve("nope.pem")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot read").hasMessageContaining("nope.pem");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        assertThatThrownBy(() -> TlsContexts.trusting(empty)).hasMessageContaining("empty.pem")
                .hasMessageContaining("BEGIN CERTIFICATE");
    }
}
