package io.sentinel.store.notify;

/** A channel or rule definition that cannot be accepted; {@link #field()} names the offending field. */
public final class InvalidNotifyConfig extends IllegalArgumentException {
    private final String field;

    public InvalidNotifyConfig(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The message without the field prefix. */
    public String reason() {
        return getMessage().substring(field.length() + 2);
    }
}
