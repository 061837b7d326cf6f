package io.taskshard.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.taskshard.model.TaskSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads peer frames and writes coordinator frames (PROTOCOL.md, version 1).
 *
 * <p>{@link #decode} never throws for bad input: it returns a {@link Decoded.Failed} with the
 * protocol's error code and a message naming the field, what was expected and what came, so
 * the endpoint can answer with an {@code error} frame. Unknown extra fields are ignored so
 * newer peers can talk to older coordinators. One shared, pre-configured mapper serves every
 * call; instances are immutable and thread-safe.
 */
public final class ProtocolCodec {
    /** Largest frame accepted, in UTF-8 bytes (PROTOCOL.md: 1 MiB). */
    public static final int DEFAULT_MAX_FRAME_BYTES = 1024 * 1024;

    /** Shared by every codec: configured once, thread-safe after that. */
    private static final ObjectMapper MAPPER = createMapper();
    private static final ObjectReader TREE_READER = MAPPER.reader();
    private static final ObjectWriter COORDINATOR_WRITER = MAPPER.writerFor(CoordinatorMessage.class);
    private static final ObjectWriter PEER_WRITER = MAPPER.writerFor(PeerMessage.class);
    private static final ObjectReader COORDINATOR_READER = MAPPER.readerFor(CoordinatorMessage.class);

    private final int maxFrameBytes;

    public ProtocolCodec() {
        this(DEFAULT_MAX_FRAME_BYTES);
    }

    public ProtocolCodec(int maxFrameBytes) {
        if (maxFrameBytes < 1) {
            throw new IllegalArgumentException("maxFrameBytes must be at least 1, got " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    /** The result of reading one peer frame. */
    public sealed interface Decoded {
        /** The frame is a well-formed peer message. */
        record Ok(PeerMessage message) implements Decoded {
        }

        /**
         * The frame was refused. {@code code} is an {@link ErrorCode}; {@code type} is the
         * frame's {@code type} when it could be read (null otherwise).
         */
        record Failed(String code, String message, String type) implements Decoded {
        }
    }

    /** Reads one text frame from a peer. Never throws for bad input. */
    public Decoded decode(String frame) {
        if (isTooLarge(frame)) {
            return new Decoded.Failed(ErrorCode.TOO_LARGE, "frame is " + utf8Length(frame)
                    + " bytes, the limit is " + maxFrameBytes + " bytes", null);
        }
        JsonNode root;
        try {
            root = TREE_READER.readTree(frame);
        } catch (JsonProcessingException e) {
            return new Decoded.Failed(ErrorCode.BAD_JSON, "frame is not valid JSON: " + e.getOriginalMessage(), null);
        }
        if (root == null || !root.isObject()) {
            String got = root == null || root.isMissingNode() ? "nothing" : PeerMessageReader.describe(root);
            return new Decoded.Failed(ErrorCode.BAD_JSON, "frame must be one JSON object, got " + got, null);
        }
        JsonNode type = root.get("type");
        if (type == null || !type.isTextual()) {
            return new Decoded.Failed(ErrorCode.UNKNOWN_TYPE, type == null
                    ? "frame has no 'type' field"
                    : "'type' must be a string, got " + PeerMessageReader.describe(type), null);
        }
        String typeName = type.textValue();
        if (!PeerMessageReader.knows(typeName)) {
            return new Decoded.Failed(ErrorCode.UNKNOWN_TYPE, "unknown message type '" + typeName
                    + "'; a peer may send " + PeerMessageReader.TYPES, typeName);
        }
        try {
            return new Decoded.Ok(PeerMessageReader.read(typeName, root));
        } catch (PeerMessageReader.BadMessage e) {
            return new Decoded.Failed(ErrorCode.BAD_MESSAGE, typeName + ": " + e.getMessage(), typeName);
        }
    }

    /** True when {@code frame} is over the limit in UTF-8 bytes (cheap for typical frames). */
    public boolean isTooLarge(String frame) {
        if (frame.length() > maxFrameBytes) {
            return true; // every char takes at least one byte
        }
        if ((long) frame.length() * 3 <= maxFrameBytes) {
            return false; // even all-3-byte chars fit (surrogate pairs are 2 chars for 4 bytes)
        }
        return utf8Length(frame) > maxFrameBytes;
    }

    private static long utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The JSON text of a coordinator frame, with its {@code type}. */
    public String encode(CoordinatorMessage message) {
        try {
            return COORDINATOR_WRITER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    /** The JSON of a coordinator frame as UTF-8 bytes: what goes on the wire, without a String between. */
    public byte[] encodeUtf8(CoordinatorMessage message) {
        try {
            return COORDINATOR_WRITER.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    /** The JSON text of a peer frame (for peer clients and tests). Tasks use their wire form. */
    public String encode(PeerMessage message) {
        try {
            return PEER_WRITER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    /**
     * Reads a coordinator frame (for peer clients).
     *
     * @throws IllegalArgumentException naming what is wrong with the frame
     */
    public CoordinatorMessage decodeCoordinatorMessage(String frame) {
        try {
            return COORDINATOR_READER.readValue(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad coordinator frame: " + e.getOriginalMessage(), e);
        }
    }

    /** The shared mapper, for callers that need to read or write JSON the same way. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static ObjectMapper createMapper() {
        SimpleModule taskSpecWireForm = new SimpleModule("taskshard-task-wire-form");
        taskSpecWireForm.addSerializer(TaskSpec.class, new TaskSpecSerializer());
        taskSpecWireForm.addDeserializer(TaskSpec.class, new TaskSpecDeserializer());
        return JsonMapper.builder(InputLimits.jsonFactory())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                        JsonInclude.Include.NON_NULL))
                .addModule(taskSpecWireForm)
                .build();
    }

    /** Writes a task in its wire form ({@link TaskSpecJson#toWire}), not as the record's fields. */
    private static final class TaskSpecSerializer extends JsonSerializer<TaskSpec> {
        @Override
        public void serialize(TaskSpec spec, JsonGenerator gen, SerializerProvider provider) throws IOException {
            provider.defaultSerializeValue(TaskSpecJson.toWire(spec), gen);
        }
    }

    /** Reads a task from its wire form ({@link TaskSpecJson#fromWire}). */
    private static final class TaskSpecDeserializer extends JsonDeserializer<TaskSpec> {
        @Override
        public TaskSpec deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = p.readValueAs(Map.class);
            try {
                return TaskSpecJson.fromWire(m);
            } catch (IllegalArgumentException e) {
                throw ctxt.weirdStringException(String.valueOf(m.get("id")), TaskSpec.class, e.getMessage());
            }
        }
    }
}
