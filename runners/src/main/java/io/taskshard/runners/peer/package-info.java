/**
 * The peer client: joins a coordinator's job over the peer protocol (PROTOCOL.md v1, WebSocket)
 * and runs its share of the tasks on a {@link io.taskshard.runners.spi.Runner}.
 *
 * <ul>
 *   <li>{@link io.taskshard.runners.peer.PeerClient}: one peer; {@code run()} blocks until the job
 *       completes, {@code start()} does not, {@code shutdown()} leaves with a goodbye;</li>
 *   <li>{@link io.taskshard.runners.peer.PeerOptions}: what it says in {@code hello}, where tasks
 *       run, where its lease journal lives, reconnect settings;</li>
 *   <li>{@link io.taskshard.runners.peer.PeerListener}: what it tells its user (a console, the
 *       demo, a test);</li>
 *   <li>{@link io.taskshard.runners.peer.PeerResult}: how the run ended, and the CLI exit code;</li>
 *   <li>{@link io.taskshard.runners.peer.LocalFallback}: the whole schema on this machine, for
 *       {@code --fallback-local};</li>
 *   <li>{@link io.taskshard.client.ServerAddress} (in the engine): {@code host:port}, {@code http(s)://} or
 *       {@code ws(s)://} to the peer WebSocket URL.</li>
 * </ul>
 */
package io.taskshard.runners.peer;
