package io.taskshard.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the coordinator's committed-batch counter from its Prometheus {@code /metrics}, so a
 * run can report how many tasks each SQLite transaction carried. Best effort: a coordinator
 * that does not answer (auth, older version) gives -1 and the run goes on.
 */
final class CoordinatorMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorMetrics.class);
    static final String BATCHES = "taskshard_batches_committed_total";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(DEFAULT_TIMEOUT).build();
    private final URI metrics;

    /** @param metrics {@code http://host:port/metrics}, or null to read nothing */
    CoordinatorMetrics(URI metrics) {
        this.metrics = metrics;
    }

    /** Batches committed so far, or -1 when the coordinator did not tell. */
    long batchesCommitted() throws InterruptedException {
        if (metrics == null) {
            return -1;
        }
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(metrics).timeout(DEFAULT_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                LOG.warn("{} answered {}; batches per run are not reported", metrics, response.statusCode());
                return -1;
            }
            return response.body().lines()
                    .filter(line -> line.startsWith(BATCHES + " "))
                    .mapToLong(line -> (long) Double.parseDouble(line.substring(BATCHES.length() + 1).trim()))
                    .findFirst()
                    .orElse(-1);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read {} from {}; batches per run are not reported", BATCHES, metrics, e);
            return -1;
        }
    }
}
