package io.sentinel.protocol.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one codec of Sentinel's JSON: the sensor writes its requests with it, the controller reads
 * and validates them with it and queues the body it validated, the worker reads
 * that back with it, and the sensor reads the controller's answers with it. There is one
 * configured mapper ({@link #mapper()}), strict on input:
 * <ul>
 *   <li>the body must be UTF-8 without a byte order mark (415 otherwise);</li>
 *   <li>a key twice in one object, an unknown key, a missing required key, trailing data,
 *       comments or non-numeric numbers are refused;</li>
 *   <li>no coercion of scalars: {@code "ssid": 12}, {@code "channel": "6"}, {@code "count": 1.5}
 *       and {@code "items": null} are refused rather than converted;</li>
 *   <li>strings must be storable text (no U+0000, no unpaired surrogate), except the SSID's
 *       text, which stands for bytes;</li>
 *   <li>nesting, string and number lengths are bounded.</li>
 * </ul>
 * Every problem becomes one {@link InvalidMessageException} with a {@link
 * InvalidMessageException.Reason} and the JSON path of the field, e.g. {@code items[3].rssi_avg}
 * — this is the only place where Jackson's errors are mapped to fields.
 */
public final class Wire {
    private static final ObjectMapper MAPPER = buildMapper();

    private static final Pattern MISSING = Pattern.compile("Missing required creator property '([^']+)'");
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'");

    private Wire() {}

    private static ObjectMapper buildMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .addModule(new SimpleModule("sentinel-epoch-time")
                        .addSerializer(Instant.class, new EpochTime.Serializer())
                        .addDeserializer(Instant.class, new EpochTime.Deserializer())
                        .addDeserializer(String.class, new TextDeserializers.StoredText()))
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .withCoercionConfigDefaults(c -> c
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyArray, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyObject, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setAcceptBlankAsEmpty(false))
                .withCoercionConfig(LogicalType.Textual, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.TryConvert))
                .withCoercionConfig(LogicalType.Integer, c -> c
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Float, c -> c
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).maxStringLength(1 << 20).maxNumberLength(64).build());
        return mapper;
    }

    /**
     * The configured mapper (thread-safe; never reconfigure it). Also the controller's mapper for
     * its API answers and the store's for its JSON columns, so that times and numbers look the
     * same everywhere.
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    // ---- requests ------------------------------------------------------------------------------

    /** Parses and validates a telemetry batch. */
    public static TelemetryBatch readTelemetryBatch(byte[] json) {
        return readRequest(json, TelemetryBatch.class);
    }

    /** Parses and validates an alert batch. */
    public static AlertBatch readAlertBatch(byte[] json) {
        return readRequest(json, AlertBatch.class);
    }

    /** Parses and validates a heartbeat. */
    public static Heartbeat readHeartbeat(byte[] json) {
        return readRequest(json, Heartbeat.class);
    }

    /** Parses and validates a sensor request of the given type. */
    public static <T extends SensorRequest> T readRequest(byte[] json, Class<T> type) {
        T request = read(json, type);
        request.validate();
        return request;
    }

    /**
     * The canonical encoding of a validated request (the controller queues the body it validated,
     * which reads back as the same record; this is the form a record built in code takes).
     * {@code readRequest(canonical(r), type)} equals {@code r} for every {@code r}
     * that {@code readRequest} returned.
     */
    public static String canonical(SensorRequest request) {
        return writeString(request);
    }

    // ---- answers -------------------------------------------------------------------------------

    /**
     * Reads the controller's answer to a sensor request: {@link ControllerAnswer.Accepted},
     * {@link ControllerAnswer.Duplicate} or {@link ControllerAnswer.HeartbeatAnswer} for a 2xx,
     * {@link ControllerAnswer.Refusal} otherwise (a body that is not a refusal, e.g. a proxy's
     * HTML page, becomes one naming the status).
     *
     * @throws InvalidMessageException when a 2xx answer is not one of the known answers
     */
    public static ControllerAnswer readAnswer(int httpStatus, byte[] body) {
        if (httpStatus < 200 || httpStatus > 299) {
            try {
                ControllerAnswer.Refusal r = read(body, ControllerAnswer.Refusal.class);
                if (r.error() != null) {
                    return r;
                }
            } catch (InvalidMessageException e) {
                // not our JSON: fall through to a refusal that quotes the start of the body
            }
            String text = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
            return new ControllerAnswer.Refusal("http_" + httpStatus, text.length() > 200 ? text.substring(0, 200) : text, null);
        }
        JsonNode tree = read(body, JsonNode.class);
        JsonNode status = tree.get("status");
        String s = status == null || !status.isTextual() ? "" : status.textValue();
        Class<? extends ControllerAnswer> type = switch (s) {
            case ControllerAnswer.Accepted.STATUS -> ControllerAnswer.Accepted.class;
            case ControllerAnswer.Duplicate.STATUS -> ControllerAnswer.Duplicate.class;
            case ControllerAnswer.HeartbeatAnswer.STATUS -> ControllerAnswer.HeartbeatAnswer.class;
            case ControllerAnswer.ConfigAnswer.CURRENT, ControllerAnswer.ConfigAnswer.CONFIG -> ControllerAnswer.ConfigAnswer.class;
            default -> throw new InvalidMessageException("status", "not a known answer status: \"" + s + "\"");
        };
        return read(body, type);
    }

    /** Reads the answer to an enrolment or key rotation ({@code 201}/{@code 200} with the key). */
    public static ControllerAnswer.SensorKey readSensorKey(byte[] body) {
        ControllerAnswer.SensorKey k = read(body, ControllerAnswer.SensorKey.class);
        Identifiers.requireSensorId("sensor_id", k.sensorId());
        if (!k.key().matches("[0-9a-f]{64}")) {
            throw new InvalidMessageException("key", "must be 64 lower-case hex characters");
        }
        if (k.keyEpoch() < 1) {
            throw new InvalidMessageException("key_epoch", "must be >= 1");
        }
        return k;
    }

    // ---- generic -------------------------------------------------------------------------------

    /** Serialises any wire record (or a map of JSON values) to JSON bytes (UTF-8). */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** Serialises any wire record (or a map of JSON values) to a JSON string. */
    public static String writeString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** Parses without validation; every problem becomes an {@link InvalidMessageException}. */
    public static <T> T read(byte[] json, Class<T> type) {
        if (json == null || json.length == 0) {
            throw new InvalidMessageException(InvalidMessageException.Reason.MALFORMED, "", "a JSON body is required");
        }
        Utf8.check(json);
        try {
            T v = MAPPER.readValue(json, type);
            if (v == null) {
                throw new InvalidMessageException(InvalidMessageException.Reason.MALFORMED, "", "a JSON object is required");
            }
            return v;
        } catch (JsonProcessingException e) {
            throw problem(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one mapping of Jackson's exceptions to a reason and a field. */
    static InvalidMessageException problem(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return new InvalidMessageException(InvalidMessageException.Reason.UNKNOWN_FIELD, path(u),
                    "unknown field \"" + u.getPropertyName() + "\"");
        }
        if (e.getCause() instanceof InvalidMessageException ime) {
            return ime;
        }
        // a problem of the token stream (syntax, duplicate key, number range), possibly wrapped by databind
        StreamReadException stream = e instanceof StreamReadException s ? s
                : e.getCause() instanceof StreamReadException s ? s : null;
        if (stream != null || e instanceof StreamConstraintsException
                || e.getCause() instanceof StreamConstraintsException) {
            return streamProblem(e, stream);
        }
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof JsonMappingException m) {
            String path = path(m);
            Matcher missing = MISSING.matcher(message);
            if (missing.find()) {
                String name = missing.group(1);
                String field = path.isEmpty() ? name : path.equals(name) || path.endsWith("." + name) ? path : path + "." + name;
                return new InvalidMessageException(InvalidMessageException.Reason.MISSING_FIELD, field, "missing required field");
            }
            if (m instanceof InvalidNullException) {
                return new InvalidMessageException(path, "must not be null");
            }
            if (path.isEmpty()) {
                return new InvalidMessageException(InvalidMessageException.Reason.MALFORMED, "",
                        m instanceof MismatchedInputException && message.startsWith("Trailing token")
                                ? "data after the JSON value" : "the body must be a JSON object of this request's schema");
            }
            return new InvalidMessageException(path, typeProblem(m));
        }
        return new InvalidMessageException(InvalidMessageException.Reason.MALFORMED, "", "malformed JSON");
    }

    private static InvalidMessageException streamProblem(JsonProcessingException e, StreamReadException stream) {
        JsonProcessingException source = stream != null ? stream : e;
        String message = source.getOriginalMessage() == null ? "" : source.getOriginalMessage();
        JsonParser parser = source.getProcessor() instanceof JsonParser p ? p
                : e.getProcessor() instanceof JsonParser p2 ? p2 : null;
        Matcher dup = DUPLICATE.matcher(message);
        if (dup.find()) {
            String parent = parser == null ? "" : contextPath(parser.getParsingContext(), false);
            String field = parent.isEmpty() ? dup.group(1) : parent + "." + dup.group(1);
            return new InvalidMessageException(InvalidMessageException.Reason.DUPLICATE_FIELD, field, "key given twice");
        }
        String at = parser == null ? "" : contextPath(parser.getParsingContext(), true);
        if (e instanceof StreamConstraintsException || e.getCause() instanceof StreamConstraintsException) {
            return new InvalidMessageException(InvalidMessageException.Reason.MALFORMED, at,
                    "over a JSON size limit (" + firstLine(message) + ")");
        }
        if (message.contains("out of range")) {
            return new InvalidMessageException(at, "number out of range");
        }
        var loc = source.getLocation();
        return new InvalidMessageException(InvalidMessageException.Reason.MALFORMED, "",
                "malformed JSON" + (loc == null ? "" : " at line " + loc.getLineNr() + " column " + loc.getColumnNr())
                        + ": " + firstLine(message).replaceAll(": enable `[^`]*` to allow", ""));
    }

    private static String typeProblem(JsonMappingException e) {
        String m = firstLine(e.getOriginalMessage() == null ? "" : e.getOriginalMessage());
        String lower = m.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("coercion") || lower.contains("cannot deserialize") || lower.contains("cannot coerce")
                || lower.contains("unexpected token")) {
            return "wrong type: " + expected(e);
        }
        // Jackson names Java classes in its messages; keep them short and free of internals.
        return m.replace("java.lang.", "").replace("java.time.", "").replace("io.sentinel.protocol.wire.", "");
    }

    private static String expected(JsonMappingException e) {
        if (e instanceof MismatchedInputException mi && mi.getTargetType() != null) {
            Class<?> t = mi.getTargetType();
            if (t == String.class) return "expected a string";
            if (t == Integer.class || t == int.class || t == Long.class || t == long.class) return "expected an integer";
            if (t == Double.class || t == double.class || t == Float.class) return "expected a number";
            if (t == Boolean.class || t == boolean.class) return "expected true or false";
            if (t == Instant.class) return "expected epoch seconds or RFC 3339 text";
            if (java.util.List.class.isAssignableFrom(t)) return "expected an array";
            if (java.util.Map.class.isAssignableFrom(t) || t.isRecord()) return "expected an object";
            return "expected " + t.getSimpleName();
        }
        return "unexpected value";
    }

    private static String firstLine(String m) {
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** The JSON path of a mapping problem, e.g. {@code items[3].rssi_avg}. */
    static String path(JsonMappingException e) {
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

    /** The path of the parser's position; {@code withName}: including the current key of the innermost object. */
    private static String contextPath(JsonStreamContext ctx, boolean withName) {
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        boolean innermost = true;
        for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.addFirst("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.inObject() && c.getCurrentName() != null && (withName || !innermost)) {
                parts.addFirst("." + c.getCurrentName());
            }
            innermost = false;
        }
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            sb.append(p);
        }
        return sb.length() > 0 && sb.charAt(0) == '.' ? sb.substring(1) : sb.toString();
    }
}
