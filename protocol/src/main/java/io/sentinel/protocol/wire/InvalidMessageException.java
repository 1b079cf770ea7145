package io.sentinel.protocol.wire;

/**
 * A message that does not follow the wire schema. {@link #field()} names the offending field
 * (a JSON path such as {@code items[3].rssi_avg}) and {@link #reason()} says what kind of
 * problem it is, so that an API can answer 400 (or 415 for an encoding) naming it.
 */
public final class InvalidMessageException extends IllegalArgumentException {

    /** What is wrong, with the error code an API answers. */
    public enum Reason {
        /** Not JSON at all, or JSON that is not an object of the expected shape. */
        MALFORMED("bad_request"),
        /** Not UTF-8: a byte order mark, UTF-16/32, or bytes that are not UTF-8. */
        ENCODING("unsupported_media_type"),
        /** A key the schema does not know. */
        UNKNOWN_FIELD("unknown_field"),
        /** A key the schema requires is absent. */
        MISSING_FIELD("missing_field"),
        /** A key present twice in one object. */
        DUPLICATE_FIELD("duplicate_field"),
        /** A value of the wrong type, format or range. */
        INVALID_FIELD("invalid_field");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        /** The {@code error} code of the API's answer. */
        public String code() {
            return code;
        }
    }

    private final String field;
    private final Reason reason;
    private final String problem;

    /** An {@link Reason#INVALID_FIELD} problem. */
    public InvalidMessageException(String field, String problem) {
        this(Reason.INVALID_FIELD, field, problem);
    }

    public InvalidMessageException(Reason reason, String field, String problem) {
        super(field == null || field.isEmpty() ? problem : field + ": " + problem, null);
        this.field = field == null ? "" : field;
        this.reason = reason;
        this.problem = problem;
    }

    /**
     * The same problem for a field named relative to {@code path}: {@code within("items[3]")} of
     * a problem with {@code rssi_avg} is one with {@code items[3].rssi_avg}. Parts validate with
     * relative names and their container adds its path only when something is wrong, so that
     * the field names of the many valid items are never built.
     */
    public InvalidMessageException within(String path) {
        String full = field.isEmpty() ? path : path.isEmpty() ? field : path + "." + field;
        return new InvalidMessageException(reason, full, problem);
    }

    /** What is wrong, without the field name. */
    public String problem() {
        return problem;
    }

    /** The JSON path of the offending field, empty when the problem is the whole document. */
    public String field() {
        return field;
    }

    public Reason reason() {
        return reason;
    }
}
