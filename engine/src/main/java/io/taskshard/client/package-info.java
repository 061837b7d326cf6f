/**
 * What the UIs (terminal, desktop, {@code taskshard demo}) use to talk to a coordinator: the
 * operator API over HTTP and its event stream, even when the server runs in the same process.
 *
 * <ul>
 *   <li>{@link io.taskshard.client.ServerAddress#parse} reads an address as typed
 *       ({@code host:port}, {@code http(s)://}, {@code ws(s)://}) and names every endpoint.</li>
 *   <li>{@link io.taskshard.client.OperatorClient}: every route of docs/operator-api.md as a typed,
 *       blocking call. Refusals are {@link io.taskshard.client.ApiException} (status, code, the
 *       server's message verbatim); no answer is {@link io.taskshard.client.ConnectionException}.</li>
 *   <li>{@link io.taskshard.client.EventStream} keeps a {@link io.taskshard.client.LiveModel} in
 *       step with the coordinator, reconnecting and resynchronising on its own, and reports a
 *       {@link io.taskshard.client.ConnectionState} for the UI's indicator.</li>
 *   <li>{@link io.taskshard.client.LiveModel#view()} is an immutable
 *       {@link io.taskshard.client.LiveView} to draw from; listeners are told of each change on the
 *       stream's thread, so UIs hop to their own thread.</li>
 * </ul>
 *
 * <p>Answers are the engine's model records ({@code JobRecord}, {@code TaskRecord} + {@code TaskSpec}
 * as a {@link io.taskshard.client.TaskInfo}, {@code AttemptRecord}, {@code PeerRecord},
 * {@code AuditRecord}) and {@code io.taskshard.analysis.Comparison}, so the analyses (Gantt rows,
 * comparison) run on them directly. Where the JSON names differ: a job's {@code jobKind} is
 * {@code JobRecord.kind}, a task's {@code id} is {@code TaskRecord.taskId} and its
 * {@code maxAttempts} is {@code TaskSpec.attempts}, an attempt's {@code peer} is
 * {@code AttemptRecord.peerId}. Unknown JSON fields are ignored, so older clients keep working
 * against newer servers.
 *
 * <pre>{@code
 * ServerAddress address = ServerAddress.parse(args.server());
 * ClientOptions options = ClientOptions.defaults().withToken(args.token());
 * OperatorClient client = new OperatorClient(address, options);
 * EventStream stream = EventStream.open(address, options);
 * stream.model().addListener(change -> ui.later(() -> ui.draw(stream.model().view())));
 * stream.addStateListener(state -> ui.later(() -> ui.status(state.describe())));
 * try {
 *     client.cancelTask(TaskRef.id("//docs:check", jobId));
 * } catch (ApiException e) {
 *     ui.error(e.serverMessage());             // "task '//docs:check' already ended (cancelled)"
 * }
 * }</pre>
 */
package io.taskshard.client;
