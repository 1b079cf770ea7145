package io.sentinel.protocol.wire;

import java.util.regex.Pattern;

/** Formats of the identifiers that cross the wire; every check is a full match. */
public final class Identifiers {
    private static final Pattern SENSOR_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern NONCE = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern ALERT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private Identifiers() {}

    /** A sensor id: {@code [A-Za-z0-9._-]{1,64}}. */
    public static boolean isSensorId(String s) {
        return s != null && SENSOR_ID.matcher(s).matches();
    }

    /** A request nonce: exactly 32 lower-case hex characters. */
    public static boolean isNonce(String s) {
        return s != null && NONCE.matcher(s).matches();
    }

    /** A batch id chosen by the sensor: {@code [A-Za-z0-9._:-]{1,128}}. */
    public static boolean isBatchId(String s) {
        return s != null && BATCH_ID.matcher(s).matches();
    }

    /** A MAC address as the contracts write it: lower-case, colon-separated (checked without a regex: twice per item). */
    public static boolean isMac(String s) {
        if (s == null || s.length() != 17) {
            return false;
        }
        for (int i = 0; i < 17; i++) {
            char c = s.charAt(i);
            boolean ok = i % 3 == 2 ? c == ':' : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** An alert id: {@code [A-Za-z0-9._:-]{1,128}}. */
    public static boolean isAlertId(String s) {
        return s != null && ALERT_ID.matcher(s).matches();
    }

    /** Throws {@link InvalidMessageException} naming {@code field} unless {@code s} is a sensor id. */
    public static String requireSensorId(String field, String s) {
        if (s == null) {
            throw new InvalidMessageException(InvalidMessageException.Reason.MISSING_FIELD, field, "missing required field");
        }
        if (!isSensorId(s)) {
            throw new InvalidMessageException(field, "must match [A-Za-z0-9._-]{1,64}");
        }
        return s;
    }

    /** Throws {@link InvalidMessageException} naming {@code field} unless {@code s} is a batch id. */
    public static String requireBatchId(String field, String s) {
        if (s == null) {
            throw new InvalidMessageException(InvalidMessageException.Reason.MISSING_FIELD, field, "missing required field");
        }
        if (!isBatchId(s)) {
            throw new InvalidMessageException(field, "must match [A-Za-z0-9._:-]{1,128}");
        }
        return s;
    }

    /** A required MAC ({@code aa:bb:cc:dd:ee:ff}, lower case). */
    public static String requireMac(String field, String s) {
        if (s == null) {
            throw new InvalidMessageException(InvalidMessageException.Reason.MISSING_FIELD, field, "missing required field");
        }
        return optionalMac(field, s);
    }

    /** An optional MAC: null passes, anything else must be a lower-case colon-separated MAC. */
    public static String optionalMac(String field, String s) {
        if (s != null && !isMac(s)) {
            throw new InvalidMessageException(field, "must be a lower-case colon-separated MAC such as 00:11:22:aa:bb:cc");
        }
        return s;
    }
}
