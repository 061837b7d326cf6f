package io.taskshard.runners.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.taskshard.auth.Role;
import io.taskshard.client.ClientOptions;
import io.taskshard.client.ConnectionException;
import io.taskshard.client.OperatorClient;
import io.taskshard.client.ServerAddress;
import io.taskshard.client.Submission;
import io.taskshard.model.AuditRecord;
import io.taskshard.model.JobRecord;
import io.taskshard.model.JobState;
import io.taskshard.model.Schema;
import io.taskshard.runners.spi.RunnerConfig;
import io.taskshard.runners.spi.Runners;
import io.taskshard.runners.testing.PeerEvents;
import io.taskshard.runners.testing.TestCertificates;
import io.taskshard.schema.SchemaLoader;
import io.taskshard.server.ServerConfig;
import io.taskshard.server.ServerSecurity;
import io.taskshard.server.TaskshardServer;
import io.taskshard.store.TokenStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A coordinator serving https/wss with a certificate from a private CA made at test time, and
 * tokens required: a simulated peer over wss and an operator client over https, both trusting
 * the CA through {@code caCert}, complete a job; clients without the CA are told what to do.
 */
class TlsIntegrationTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private TestCertificates certs;
    private TaskshardServer server;
    private ServerAddress address;
    private String peerToken;
    private String operatorToken;

    @BeforeEach
    void start() {
        certs = TestCertificates.create(dir.resolve("tls"));
        Path data = dir.resolve("data");
        try (TokenStore tokens = TokenStore.open(data)) {
            peerToken = tokens.create("ci-peers", Role.PEER, 1).secret();
            operatorToken = tokens.create("alice", Role.OPERATOR, 1).secret();
        }
        server = new TaskshardServer(ServerConfig.defaults(data).withPort(0)
                .withSecurity(ServerSecurity.DEFAULTS.withTls(certs.chain(), certs.key())));
        int port = server.start();
        address = ServerAddress.parse("https://127.0.0.1:" + port);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private PeerOptions.Builder peerOptions(String id, Schema schema) {
        return PeerOptions.builder(address.peerUri(), id, schema)
                .workDir(dir)
                .token(peerToken)
                .backoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)))
                .connectTimeout(Duration.ofSeconds(5));
    }

    private PeerResult run(PeerOptions options) throws Exception {
        PeerClient client = new PeerClient(options, Runners.byName("sim", RunnerConfig.of(Map.of("scale", "0.001"))),
                new PeerEvents(), Clock.systemUTC());
        try {
            return client.start().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } finally {
            client.shutdown();
        }
    }

    @Test
    void aPeerOverWssAndAnOperatorOverHttpsWithTheCaCompleteAJob() throws Exception {
        assertThat(address.peerUri().getScheme()).isEqualTo("wss");
        Schema schema = SchemaLoader.parse("""
                name: tls
                tasks:
                  - {id: a, command: 'true'}
                  - {id: b, command: 'true', needs: [a]}
                """, "tls.yaml");

        PeerResult result = run(peerOptions("secure-peer", schema).caCert(certs.ca()).build());

        assertThat(result.status()).as(result.message()).isEqualTo(PeerResult.Status.SUCCESS);
        assertThat(result.tasksRun()).isEqualTo(2);
        try (OperatorClient client = new OperatorClient(address,
                ClientOptions.defaults().withToken(operatorToken).withCaCert(certs.ca()))) {
            assertThat(client.job(result.jobId()).job().state().isEnd()).isTrue();
            // A submitted job, run by a worker over wss.
            JobRecord submitted = client.submit(Submission.of(SchemaLoader.parse(
                    "name: submitted\ntasks:\n  - {id: s1, command: 'true'}\n", "s.yaml")));
            PeerClient worker = new PeerClient(PeerOptions.worker(address.peerUri(), "secure-worker").workDir(dir)
                    .token(peerToken).caCert(certs.ca()).build(),
                    Runners.byName("sim", RunnerConfig.of(Map.of("scale", "0.001"))), new PeerEvents(), Clock.systemUTC());
            try {
                worker.start();
                await().atMost(PATIENCE).until(() -> client.job(submitted.id()).job().state().isEnd());
            } finally {
                worker.shutdown();
            }
            assertThat(client.job(submitted.id()).job().state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(client.audit()).filteredOn(a -> a.action().contains("submit"))
                    .extracting(AuditRecord::actor).containsExactly("alice");
        }
    }

    @Test
    void clientsWithoutTheCaFailSayingToPassIt() throws Exception {
        try (OperatorClient client = new OperatorClient(address, ClientOptions.defaults().withToken(operatorToken))) {
            Throwable t = catchThrowable(client::health);
            assertThat(t).isInstanceOf(ConnectionException.class)
                    .hasMessageContaining("certificate is not trusted").hasMessageContaining("--ca-cert");
        }
        Schema schema = SchemaLoader.parse("name: x\ntasks:\n  - {id: a, command: 'true'}\n", "x.yaml");
        PeerResult result = run(peerOptions("untrusting-peer", schema).reconnectLimit(Duration.ofMillis(500)).build());
        assertThat(result.status()).isNotEqualTo(PeerResult.Status.SUCCESS);
        assertThat(result.message()).contains("--ca-cert");
    }

    @Test
    void plainHttpToTheTlsPortGetsNoApiAnswer() {
        URI plain = URI.create("http://127.0.0.1:" + address.port());
        try (OperatorClient client = new OperatorClient(ServerAddress.parse(plain.toString()),
                ClientOptions.defaults().withToken(operatorToken))) {
            assertThat(catchThrowable(client::jobs)).isNotNull();
        }
    }
}
