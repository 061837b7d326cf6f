package io.taskshard.server;

/**
 * The coordinator's port is taken by another process: a configuration error (exit 2), reported
 * in one line by the command that started the server, without a stack trace.
 */
public final class PortInUseException extends TaskshardServer.StartupRefusedException {
    public PortInUseException(String bind, int port) {
        super("port " + port + " on " + bind + " is in use: pick another with --port (0 picks a free one),"
                + " or check whether another taskshard answers there (curl http://" + bind + ":" + port + "/healthz)");
    }

    /** Whether {@code e} (or a cause of it) is the web server failing to bind its port. */
    static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException || t instanceof io.javalin.util.JavalinBindException) {
                return true;
            }
        }
        return false;
    }
}
