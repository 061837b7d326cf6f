package io.taskshard.server.api;

import java.util.Map;

/**
 * A refusal with an HTTP status, a short machine-readable code and a message in words. The
 * operator API turns it into {@code {"error": code, "message": message, ...details}}.
 */
public final class ApiException extends RuntimeException {
    public static final String BAD_JSON = "bad-json";
    public static final String BAD_REQUEST = "bad-request";
    public static final String NOT_FOUND = "not-found";
    public static final String AMBIGUOUS_TASK = "ambiguous-task";
    public static final String NOT_IMPLEMENTED = "not-implemented";
    public static final String UNAVAILABLE = "unavailable";
    public static final String INTERNAL = "internal";

    private final int status;
    private final String code;
    private final Map<String, Object> details;

    public ApiException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public ApiException(int status, String code, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = Map.copyOf(details);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, BAD_REQUEST, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, NOT_FOUND, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Extra fields of the error body (e.g. the candidate jobs of an ambiguous task id). */
    public Map<String, Object> details() {
        return details;
    }
}
