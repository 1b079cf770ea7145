package io.sentinel.protocol.wire;

/**
 * A message that does not follow the wire schema. {@link #field()} names the offending field
 * (a JSON path such as {@code items[3].rssi_avg}) so that an API can answer 400 naming it.
 */
public final class InvalidMessageException extends IllegalArgumentException {
    private final String field;

    public InvalidMessageException(String field, String problem) {
        super(field == null || field.isEmpty() ? problem : field + ": " + problem);
        this.field = field == null ? "" : field;
    }

    /** The JSON path of the offending field, empty when the problem is the whole document. */
    public String field() {
        return field;
    }
}
