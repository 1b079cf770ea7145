package io.sentinel.protocol.signing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers of a signed sensor request, by name. Values are as sent (the verifier checks
 * their formats).
 */
public record SignatureHeaders(String sensorId, String timestamp, String nonce, String signature,
        String contentEncoding) {

    public static final String SENSOR = "X-Sentinel-Sensor";
    public static final String TIMESTAMP = "X-Sentinel-Timestamp";
    public static final String NONCE = "X-Sentinel-Nonce";
    public static final String SIGNATURE = "X-Sentinel-Signature";
    public static final String CONTENT_ENCODING = "Content-Encoding";

    /** The headers as a map in a stable order; {@code Content-Encoding} only when not identity. */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(SENSOR, sensorId);
        m.put(TIMESTAMP, timestamp);
        m.put(NONCE, nonce);
        m.put(SIGNATURE, signature);
        if (contentEncoding != null && !contentEncoding.isEmpty() && !"identity".equals(contentEncoding)) {
            m.put(CONTENT_ENCODING, contentEncoding);
        }
        return m;
    }
}
