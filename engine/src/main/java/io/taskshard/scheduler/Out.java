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
