package io.sentinel.protocol.signing;

/** Why a signed request was refused; every reason maps to HTTP 401. */
public final class SignatureException extends Exception {
    /** The refusal reasons; {@link #code()} is a stable machine-readable name. */
    public enum Reason {
        MISSING_HEADER("missing_header"),
        MALFORMED_HEADER("malformed_header"),
        CLOCK_SKEW("clock_skew"),
        BAD_SIGNATURE("bad_signature"),
        REPLAYED_NONCE("replayed_nonce"),
        UNKNOWN_SENSOR("unknown_sensor");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;

    public SignatureException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
