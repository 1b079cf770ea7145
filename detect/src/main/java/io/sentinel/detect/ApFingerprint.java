package io.sentinel.detect;

import io.sentinel.wifi.Elements;
import io.sentinel.wifi.Frame;
import io.sentinel.wifi.Security;
import io.sentinel.wifi.Subtype;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * What an access point's beacons say about its make and configuration, as 16 hex digits: the
 * order of its information elements (with extension ids and the OUI and type of vendor
 * elements), the capability field, the beacon interval, the number of supported rates and the
 * RSN details. Parts that change from beacon to beacon (TIM, channel switch and quiet elements,
 * the short-slot and short-preamble bits that follow the stations present) are left out, so one
 * AP keeps one fingerprint; a clone built with other hardware or software (hostapd on a laptop
 * imitating an enterprise AP) rarely has the same one. Beacons only: a probe response carries
 * what the probe asked for.
 */
public final class ApFingerprint {
    private ApFingerprint() {}

    private static final Pattern FORM = Pattern.compile("[0-9a-f]{16}");
    private static final long FNV_OFFSET = 0xcbf29ce484222325L, FNV_PRIME = 0x100000001b3L;
    /** Element ids whose presence varies between beacons of one AP. */
    private static final int TIM = 5, CSA = 37, QUIET = 40, ECSA = 60, QUIET_CHANNEL = 198;
    /** Capability bits that follow the stations present: short preamble (5), short slot time (10). */
    private static final int VOLATILE_CAPABILITIES = (1 << 5) | (1 << 10);

    /** The fingerprint of a beacon, or null for any other frame. */
    public static String of(Frame f) {
        if (f.subtype() != Subtype.BEACON || f.isMalformed()) return null;
        long h = FNV_OFFSET;
        Elements e = f.elements();
        for (int i = 0; i < e.count(); i++) {
            int id = e.id(i);
            if (id == TIM || id == CSA || id == QUIET || id == ECSA || id == QUIET_CHANNEL) continue;
            h = mix(h, id);
            if (id == 255) h = mix(h, e.extensionId(i));
        }
        for (int j = 0; j < e.vendorCount(); j++) {
            h = mix(h, e.vendorOui(j));
            h = mix(h, e.vendorType(j));
        }
        int cap = f.capabilityInfo();
        h = mix(h, cap < 0 ? -1 : cap & ~VOLATILE_CAPABILITIES);
        h = mix(h, f.beaconInterval());
        h = mix(h, e.rateCount());
        Security s = f.security();
        if (s.known()) {
            h = mix(h, s.akms());
            h = mix(h, s.pairwiseCiphers());
            h = mix(h, s.groupCipher());
            h = mix(h, s.rsnCapabilities());
        }
        return HexFormat.of().toHexDigits(h);
    }

    private static long mix(long h, int v) {
        for (int k = 0; k < 4; k++) {
            h ^= (v >>> (8 * k)) & 0xFF;
            h *= FNV_PRIME;
        }
        return h;
    }

    /** @throws IllegalArgumentException when {@code text} is not a fingerprint (16 hex digits) */
    public static void require(String text) {
        if (text == null || !FORM.matcher(text.toLowerCase(java.util.Locale.ROOT)).matches()) {
            throw new IllegalArgumentException("a fingerprint is 16 hex digits, as rogue_ap alerts show it (evidence advertised_fingerprint): " + text);
        }
    }
}
