/**
 * The peer wire protocol (docs/protocol.md): the frames a peer sends
 * ({@link io.taskshard.protocol.PeerMessage}) and the coordinator sends
 * ({@link io.taskshard.protocol.CoordinatorMessage}) as sealed interfaces of records, the attempt
 * {@link io.taskshard.protocol.Outcome}, the {@code error} codes
 * ({@link io.taskshard.protocol.ErrorCode}) and a task's wire form
 * ({@link io.taskshard.protocol.TaskSpecJson}).
 *
 * <p>{@link io.taskshard.protocol.ProtocolCodec} is the entry point: {@code decode} turns a text
 * frame into a {@code PeerMessage} or a {@code Decoded.Failed} with the error code and words
 * (never an exception), built field by field by {@link io.taskshard.protocol.PeerMessageReader};
 * {@code encode} writes coordinator frames. Depends on {@code model}, Jackson and the JDK; no
 * sockets (the server and the peer client own those).
 */
package io.taskshard.protocol;
