package io.sentinel.protocol.evidence;

import io.sentinel.protocol.wire.Identifiers;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an evidence file says about itself, carried in the pcapng section header's comment as
 * {@code key=value} lines under a first line {@value #MAGIC_LINE} (Wireshark shows it under
 * Statistics / Capture File Properties). The upload is signed over the whole file, so these
 * fields are as trustworthy as the sensor's signature.
 *
 * @param evidenceId   the sensor's idempotent id of this file ({@code [A-Za-z0-9._:-]{1,128}})
 * @param alertId      the sensor's id of the alert that triggered it
 * @param alertType    the alert's type ({@code deauth_flood}, ...)
 * @param sensorId     the capturing sensor
 * @param captureInterface the interface or replayed file the frames came from (display only)
 * @param triggerNanos capture time at which the alert opened
 */
public record EvidenceLabel(String evidenceId, String alertId, String alertType, String sensorId, String captureInterface,
        long triggerNanos) {

    public static final String MAGIC_LINE = "sentinel-evidence v1";
    private static final Pattern TYPE = Pattern.compile("[a-z0-9_]{1,64}");
    private static final int MAX_INTERFACE = 256;

    public EvidenceLabel {
        if (evidenceId == null || !Identifiers.isBatchId(evidenceId)) throw new IllegalArgumentException("evidence id must match [A-Za-z0-9._:-]{1,128}");
        if (alertId == null || !Identifiers.isAlertId(alertId)) throw new IllegalArgumentException("alert id must match [A-Za-z0-9._:-]{1,128}");
        if (alertType == null || !TYPE.matcher(alertType).matches()) throw new IllegalArgumentException("alert type must match [a-z0-9_]{1,64}");
        if (sensorId == null || !Identifiers.isSensorId(sensorId)) throw new IllegalArgumentException("sensor id must match [A-Za-z0-9._-]{1,64}");
        captureInterface = captureInterface == null ? "" : clean(captureInterface);
    }

    /** Control characters (incl. line breaks, which separate the fields) become '?'; long names are cut. */
    private static String clean(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_INTERFACE));
        for (int i = 0; i < s.length() && b.length() < MAX_INTERFACE; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return b.toString();
    }

    /** The section header comment. */
    public String comment() {
        return MAGIC_LINE + "\nevidence_id=" + evidenceId + "\nalert_id=" + alertId + "\nalert_type=" + alertType
                + "\nsensor_id=" + sensorId + "\ninterface=" + captureInterface + "\ntrigger_ns=" + triggerNanos;
    }

    /** Reads a section header comment written by {@link #comment()}; empty when it is not one or a field is invalid. */
    public static Optional<EvidenceLabel> parse(String comment) {
        if (comment == null) return Optional.empty();
        String[] lines = comment.split("\n", -1);
        if (lines.length < 2 || !MAGIC_LINE.equals(lines[0])) return Optional.empty();
        Map<String, String> f = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int eq = lines[i].indexOf('=');
            if (eq > 0) f.putIfAbsent(lines[i].substring(0, eq), lines[i].substring(eq + 1));
        }
        try {
            return Optional.of(new EvidenceLabel(f.get("evidence_id"), f.get("alert_id"), f.get("alert_type"), f.get("sensor_id"),
                    f.getOrDefault("interface", ""), Long.parseLong(f.getOrDefault("trigger_ns", "0"))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
