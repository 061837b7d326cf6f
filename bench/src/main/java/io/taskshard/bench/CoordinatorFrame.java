package io.taskshard.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The few fields of a coordinator frame the load generator acts on, read with Jackson's
 * streaming parser. The generator shares the CPU with the coordinator it measures, so it
 * must not build a full object tree per frame: a {@code task-done} frame (which can list
 * thousands of tasks) is dropped as soon as its {@code type} is known.
 *
 * @param type    the frame's {@code type}
 * @param lease   {@code lease} of assign/ack/cancel, -1 when absent
 * @param taskId  {@code task.id} of an assign, null otherwise
 * @param job     {@code job} of job-complete or {@code job.id} of welcome, -1 when absent
 * @param outcome {@code outcome} of job-complete
 * @param code    {@code code} of an error frame
 * @param message {@code message} of an error frame
 * @param fatal   {@code fatal} of an error frame
 * @param heartbeatMs {@code heartbeatMs} of welcome, 0 when absent
 */
record CoordinatorFrame(String type, long lease, String taskId, long job, String outcome, String code,
                        String message, boolean fatal, long heartbeatMs) {
    private static final JsonFactory JSON = new JsonFactory();
    static final String TASK_DONE = "task-done";

    /**
     * Reads the fields above.
     *
     * @throws IllegalArgumentException when the frame is not a JSON object
     */
    static CoordinatorFrame scan(String text) {
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("coordinator frame is not a JSON object: " + clip(text));
            }
            String type = null;
            long lease = -1;
            String taskId = null;
            long job = -1;
            String outcome = null;
            String code = null;
            String message = null;
            boolean fatal = false;
            long heartbeatMs = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "type" -> {
                        type = p.getText();
                        if (TASK_DONE.equals(type)) {
                            return new CoordinatorFrame(type, -1, null, -1, null, null, null, false, 0);
                        }
                    }
                    case "lease" -> lease = p.getLongValue();
                    case "task" -> taskId = value == JsonToken.START_OBJECT ? readId(p) : null;
                    case "job" -> job = value == JsonToken.START_OBJECT ? readJobId(p)
                            : value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : -1;
                    case "outcome" -> outcome = p.getText();
                    case "code" -> code = p.getText();
                    case "message" -> message = p.getText();
                    case "fatal" -> fatal = value == JsonToken.VALUE_TRUE;
                    case "heartbeatMs" -> heartbeatMs = value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : 0;
                    default -> p.skipChildren();
                }
            }
            if (type == null) {
                throw new IllegalArgumentException("coordinator frame has no type: " + clip(text));
            }
            return new CoordinatorFrame(type, lease, taskId, job, outcome, code, message, fatal, heartbeatMs);
        } catch (IOException e) {
            throw new IllegalArgumentException("coordinator frame is not valid JSON (" + e.getMessage() + "): "
                    + clip(text), e);
        }
    }

    /** {@code id} of the object the parser is at the start of; the rest of it is skipped. */
    private static String readId(JsonParser p) throws IOException {
        String id = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if ("id".equals(name)) {
                id = p.getText();
            } else {
                p.skipChildren();
            }
        }
        return id;
    }

    private static long readJobId(JsonParser p) throws IOException {
        String id = readId(p);
        return id == null ? -1 : Long.parseLong(id);
    }

    private static String clip(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
