/**
 * The coordinator server on one Javalin (Jetty) instance. {@link io.taskshard.server.TaskshardServer}
 * is the composition root: it opens the store, recovers, builds the scheduler, the coordinator, the
 * peer side and the operator side, and starts them; {@link io.taskshard.server.ServerConfig} and
 * {@link io.taskshard.server.ServerConfigFile} say how ({@code server.yaml} and flags).
 *
 * <p>Peer side: {@link io.taskshard.server.PeerEndpoint} (the {@code /v1/peer} WebSocket: upgrade
 * check, hello handshake, frame decoding, the rate, peer and task limits of
 * {@link io.taskshard.server.ServerLimits} and the frame size limit of {@code ServerConfig}),
 * {@link io.taskshard.server.PeerConnections} (the connections by peer id, turning frames into
 * coordinator events, and the coordinator's {@code Outbound}) and
 * {@link io.taskshard.server.PeerConnection} (one socket, its own send queue and virtual sender
 * thread, writing pre-encoded frames through {@link io.taskshard.server.FrameWriter}). Operator
 * side: {@link io.taskshard.server.ApiModule} over {@code server.api}. Security:
 * {@link io.taskshard.server.RequestGuard} (the one auth check),
 * {@link io.taskshard.server.StartupSecurity}, {@link io.taskshard.server.Connectors} (the one
 * connector, TLS from {@code tls.TlsContexts}).
 *
 * <p>The imperative shell: may depend on every engine package except {@code cli} and
 * {@code client}; network threads never touch scheduler state, they enqueue events.
 */
package io.taskshard.server;
