package io.taskshard.gui;

import io.taskshard.client.ClientOptions;
import io.taskshard.client.EventStream;
import io.taskshard.client.LiveModel;
import io.taskshard.client.OperatorClient;
import io.taskshard.client.ServerAddress;

/**
 * One coordinator the dashboard shows: its operator API client and its event stream feeding a
 * live model. The GUI talks to a coordinator only through these, even an embedded one.
 */
final class Connection implements AutoCloseable {
    /** The GUI keeps more attempts per job than the default: its chart is built for 100,000. */
    static final int DEFAULT_MAX_ATTEMPTS_PER_JOB = 100_000;

    private final ServerAddress address;
    private final OperatorClient client;
    private final EventStream stream;

    private Connection(ServerAddress address, OperatorClient client, EventStream stream) {
        this.address = address;
        this.client = client;
        this.stream = stream;
    }

    /** Opens the client and starts the stream (it connects and reconnects on its own). */
    static Connection open(ServerAddress address, ClientOptions options) {
        LiveModel model = new LiveModel(LiveModel.DEFAULT_MAX_FINISHED_JOBS, DEFAULT_MAX_ATTEMPTS_PER_JOB,
                LiveModel.DEFAULT_MAX_GONE_PEERS, LiveModel.DEFAULT_MAX_AUDIT);
        OperatorClient client = new OperatorClient(address, options);
        EventStream stream = EventStream.open(address, options, model);
        return new Connection(address, client, stream);
    }

    ServerAddress address() {
        return address;
    }

    OperatorClient client() {
        return client;
    }

    EventStream stream() {
        return stream;
    }

    LiveModel model() {
        return stream.model();
    }

    @Override
    public void close() {
        stream.close();
        client.close();
    }
}
