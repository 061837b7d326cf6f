package io.taskshard.client;

import java.util.List;
import java.util.Map;

/**
 * The coordinator answered with an error status: its {@code {"error": code, "message": ...}}
 * body, kept as sent so a UI can show the refusal verbatim ({@link #serverMessage()}).
 * {@link #getMessage()} adds the request, for logs.
 *
 * <p>Codes are those of docs/operator-api.md ({@code bad-request}, {@code not-found},
 * {@code conflict}, {@code ambiguous-task}, {@code unavailable}, ...). When the body was not the
 * API's JSON (e.g. a proxy's error page) the code is {@code http-STATUS} and the message the
 * start of the body.
 */
public final class ApiException extends ClientException {
    private final String request;
    private final int status;
    private final String code;
    private final String serverMessage;
    private final Map<String, Object> details;

    public ApiException(String request, int status, String code, String serverMessage, Map<String, Object> details) {
        super(request + ": " + status + " " + code + ": " + serverMessage);
        this.request = request;
        this.status = status;
        this.code = code;
        this.serverMessage = serverMessage;
        this.details = Map.copyOf(details);
    }

    /** Method and URL, e.g. {@code POST http://127.0.0.1:7070/api/v1/tasks/4/cancel}. */
    public String request() {
        return request;
    }

    /** The HTTP status (400, 404, 409, 503, ...). */
    public int status() {
        return status;
    }

    /** The short error code, e.g. {@code conflict}. */
    public String code() {
        return code;
    }

    /** The server's words, e.g. {@code task '//docs:check' already ended (cancelled)}. */
    public String serverMessage() {
        return serverMessage;
    }

    /** Other fields of the error body, e.g. {@code problems} or {@code jobs}; empty when none. */
    public Map<String, Object> details() {
        return details;
    }

    /** The {@code problems} list of an invalid schema (every problem found); empty when none. */
    public List<String> problems() {
        if (details.get("problems") instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
