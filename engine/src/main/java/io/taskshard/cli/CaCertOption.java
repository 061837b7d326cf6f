package io.taskshard.cli;

import io.taskshard.tls.TlsContexts;
import java.nio.file.Path;
import java.util.Map;

/** {@code --ca-cert} (else env {@value #ENV}): the private CA to trust for https/wss, for every client command. */
public final class CaCertOption {
    public static final String ENV = "TASKSHARD_CA_CERT";
    public static final String DESCRIPTION = "PEM file of the CA that signed the coordinator's certificate, for https/wss "
            + "with a private CA (default: env " + ENV + ", else the JDK's trust store). E.g. --ca-cert ca.pem";

    private CaCertOption() {
    }

    /**
     * The flag, else the environment; read once here so a bad file is a usage error now, not a
     * failed connection later.
     *
     * @throws IllegalArgumentException naming the file when it holds no PEM certificate
     */
    public static Path resolve(Path flag, Map<String, String> environment) {
        Path file = flag;
        if (file == null) {
            String env = environment.get(ENV);
            file = env == null || env.isBlank() ? null : Path.of(env.strip());
        }
        if (file != null) {
            try {
                TlsContexts.trusting(file);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--ca-cert: " + e.getMessage(), e);
            }
        }
        return file;
    }
}
