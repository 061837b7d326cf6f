package io.taskshard.client;

/**
 * Something went wrong talking to a coordinator. The subclasses say which side: the server
 * refused ({@link ApiException}), or it could not be reached ({@link ConnectionException}). A
 * plain {@code ClientException} means the server answered something this client cannot read
 * (wrong version, a proxy's error page with status 200, ...). Unchecked, so UI code stays short;
 * every message names the request.
 */
public class ClientException extends RuntimeException {
    public ClientException(String message) {
        super(message);
    }

    public ClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
