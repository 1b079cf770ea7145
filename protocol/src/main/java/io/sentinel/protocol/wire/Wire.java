package io.sentinel.protocol.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads and writes the wire schema. Every {@code read*} method parses, then validates, and
 * reports any problem as an {@link InvalidMessageException} naming the field (an unknown
 * field in a telemetry item is named too), never as a Jackson exception.
 */
public final class Wire {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final java.util.regex.Pattern MISSING =
            java.util.regex.Pattern.compile("Missing required creator property '([^']+)'");

    private Wire() {}

    /** The shared, configured mapper (thread-safe; do not reconfigure it). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Parses and validates a telemetry batch. */
    public static TelemetryBatch readTelemetryBatch(byte[] json) {
        TelemetryBatch b = read(json, TelemetryBatch.class);
        b.validate();
        return b;
    }

    /** Parses and validates an alert batch. */
    public static AlertBatch readAlertBatch(byte[] json) {
        AlertBatch b = read(json, AlertBatch.class);
        b.validate();
        return b;
    }

    /** Parses and validates a heartbeat. */
    public static Heartbeat readHeartbeat(byte[] json) {
        Heartbeat h = read(json, Heartbeat.class);
        h.validate();
        return h;
    }

    /** Serialises any wire record to JSON bytes. */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** Serialises any wire record to a JSON string. */
    public static String writeString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** Parses without validation; problems become {@link InvalidMessageException}. */
    public static <T> T read(byte[] json, Class<T> type) {
        if (json == null || json.length == 0) {
            throw new InvalidMessageException("", "empty body");
        }
        try {
            T v = MAPPER.readValue(json, type);
            if (v == null) {
                throw new InvalidMessageException("", "body is JSON null");
            }
            return v;
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidMessageException(path(e), "unknown field \"" + e.getPropertyName() + "\"");
        } catch (JsonMappingException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InvalidMessageException ime) {
                throw ime;
            }
            String path = path(e);
            String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            java.util.regex.Matcher missing = MISSING.matcher(m);
            if (missing.find()) {
                String name = missing.group(1);
                throw new InvalidMessageException(path.isEmpty() ? name : path + "." + name, "missing required field");
            }
            throw new InvalidMessageException(path, shortMessage(e));
        } catch (JsonProcessingException e) {
            throw new InvalidMessageException("", "malformed JSON at line " + e.getLocation().getLineNr()
                    + " column " + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            } else if (r.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            }
        }
        return sb.toString();
    }

    private static String shortMessage(JsonMappingException e) {
        String m = e.getOriginalMessage();
        if (m == null) {
            return "invalid value";
        }
        if (m.startsWith("Missing required creator property")) {
            return "missing required field";
        }
        int nl = m.indexOf('\n');
        String first = nl < 0 ? m : m.substring(0, nl);
        // Jackson names Java classes in its messages; keep them short and free of internals.
        return first.replace("java.lang.", "").replace("java.time.", "").replace("io.sentinel.protocol.wire.", "");
    }
}
