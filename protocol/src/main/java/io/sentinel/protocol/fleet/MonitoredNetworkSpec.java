package io.sentinel.protocol.fleet;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sentinel.protocol.wire.Identifiers;
import io.sentinel.protocol.wire.InvalidMessageException;
import io.sentinel.protocol.wire.WireText;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A network the operator owns, as the fleet configuration states it: its SSID (text, 1-32 bytes
 * of UTF-8), the BSSIDs allowed to serve it (empty: any), the channels it uses (empty: any) and
 * the security it advertises (the contract's label, e.g. {@code wpa2-psk}; absent: any).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record MonitoredNetworkSpec(
        @JsonProperty(value = "ssid", required = true) String ssid,
        @JsonProperty("bssids") List<String> bssids,
        @JsonProperty("channels") List<Integer> channels,
        @JsonProperty("security") String security) {

    public static final int MAX_BSSIDS = 256;
    private static final Pattern SECURITY = Pattern.compile("[a-z0-9][a-z0-9+/-]{0,31}");

    public MonitoredNetworkSpec {
        bssids = bssids == null ? List.of() : bssids.stream().map(b -> b == null ? null : b.toLowerCase(Locale.ROOT)).toList();
        channels = channels == null ? List.of() : List.copyOf(channels);
    }

    /** Checks every value; {@code at} is the JSON path of this entry. */
    public void validate(String at) {
        if (ssid == null || ssid.isEmpty()) {
            throw new InvalidMessageException(at + ".ssid", "required, 1-32 bytes");
        }
        WireText.require(at + ".ssid", ssid, 32);
        if (ssid.getBytes(StandardCharsets.UTF_8).length > 32) {
            throw new InvalidMessageException(at + ".ssid", "longer than 32 bytes of UTF-8");
        }
        if (bssids.size() > MAX_BSSIDS) {
            throw new InvalidMessageException(at + ".bssids", "more than " + MAX_BSSIDS + " BSSIDs");
        }
        var seen = new HashSet<String>();
        for (int i = 0; i < bssids.size(); i++) {
            Identifiers.requireMac(at + ".bssids[" + i + "]", bssids.get(i));
            if (!seen.add(bssids.get(i))) {
                throw new InvalidMessageException(at + ".bssids[" + i + "]", "listed twice");
            }
        }
        for (int i = 0; i < channels.size(); i++) {
            Integer c = channels.get(i);
            if (c == null || c < 1 || c > 233) {
                throw new InvalidMessageException(at + ".channels[" + i + "]", "must be a channel number 1-233");
            }
        }
        if (security != null && !SECURITY.matcher(security).matches()) {
            throw new InvalidMessageException(at + ".security", "must be a security label such as wpa2-psk or wpa3-sae");
        }
    }
}
