package io.taskshard.client;

/**
 * {@code GET /healthz} of a running coordinator. (A stopped one answers 503, which
 * {@link OperatorClient#health()} throws as an {@link ApiException} with its words.)
 *
 * @param status           {@code ok}
 * @param version          the read model's version (batches committed)
 * @param peersConnected   peers connected now
 * @param jobsRunning      jobs not yet finished
 * @param eventSubscribers clients on the event stream
 * @param uptimeMs         since the server started
 * @param heartbeatMs      how often peers send heartbeats
 */
public record Health(String status, long version, long peersConnected, long jobsRunning, int eventSubscribers,
                     long uptimeMs, long heartbeatMs) {
}
