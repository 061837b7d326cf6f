package io.taskshard.scheduler;

import io.taskshard.model.Change;
import io.taskshard.protocol.CoordinatorMessage;
import java.util.List;

/** Where the scheduler's decisions for one event go, with short names for the common ones. */
final class Out {
    final List<Decision> list;

    Out(List<Decision> list) {
        this.list = list;
    }

    void persist(Change change) {
        list.add(new Decision.Persist(change));
    }

    void send(String peerId, CoordinatorMessage message) {
        list.add(new Decision.Send(peerId, message));
    }

    /**
     * Sends {@code message} to {@code peerId} ahead of every message to that peer decided since
     * decision {@code since}: a {@code welcome} must be the first frame a peer gets after its
     * hello, even when joining already decided cancels for it.
     */
    void sendBefore(int since, String peerId, CoordinatorMessage message) {
        int at = list.size();
        for (int i = since; i < list.size(); i++) {
            if (list.get(i) instanceof Decision.Send s && s.peerId().equals(peerId)) {
                at = i;
                break;
            }
        }
        list.add(at, new Decision.Send(peerId, message));
    }

    /** How many decisions there are so far (a mark for {@link #sendBefore}). */
    int mark() {
        return list.size();
    }

    void error(String peerId, String code, String message, boolean fatal) {
        send(peerId, new CoordinatorMessage.Error(code, message, fatal));
    }

    void disconnect(String peerId, String reason) {
        list.add(new Decision.Disconnect(peerId, reason));
    }

    void reply(Decision.Reply reply) {
        list.add(reply);
    }
}
