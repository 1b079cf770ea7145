package io.sentinel.app.ingest;

import io.sentinel.protocol.wire.Ranges;
import io.sentinel.protocol.wire.Ssid;
import io.sentinel.protocol.wire.Wire;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Request bodies generated the way an attacker (or a buggy sensor) would write them: valid
 * batches full of awkward but legal values (NUL and non-UTF-8 SSIDs, bidi text, the largest
 * counts), and batches with one deliberate fault each (duplicate keys, unknown keys, coerced
 * scalars, values the database cannot hold, foreign encodings), plus blind byte flips. JSON is
 * assembled as text here so that faults Jackson would never write can be sent.
 */
final class GeneratedBodies {

    /** What the controller must answer. */
    enum Expect { ACCEPTED, REFUSED, EITHER }

    /** One telemetry item as the generator meant it. */
    record Item(String mac, Optional<Ssid> ssid, long beacons) {}

    record Request(String path, String batchId, byte[] body, boolean gzip, String contentType, Expect expect,
            String fault, List<Item> items, List<String> alertIds) {
        boolean telemetry() {
            return path.endsWith("/telemetry");
        }
    }

    /** SSIDs that are legal and awkward. */
    static final List<Ssid> SSIDS = List.of(
            Ssid.ofText("Cafe"), Ssid.ofHex("000000"), Ssid.ofHex("00"), Ssid.ofText("a\u0000b"),
            Ssid.ofHex("ff41fe"), Ssid.ofHex("c3"), Ssid.ofText("\u202egnp.exe"), Ssid.ofText("tab\tnew\nline\\"),
            Ssid.ofText("\"quoted\" <b>html</b>"), Ssid.ofText("\ud83d\udce1 emoji"), Ssid.ofText("x".repeat(32)),
            Ssid.ofHex("41".repeat(255)), Ssid.ofText(""), Ssid.ofText("\u0085\u2028\u200b"), Ssid.ofHex("ed a0 80".replace(" ", "")));

    private final Random random;
    private final String sensorId;
    private final Instant now = Instant.now();
    private int serial;

    GeneratedBodies(long seed, String sensorId) {
        this.random = new Random(seed);
        this.sensorId = sensorId;
    }

    /** Ordered JSON object members as raw text, so that keys may repeat. */
    private static final class Obj {
        final List<String[]> members = new ArrayList<>();

        Obj put(String key, String rawJson) {
            members.add(new String[] {key, rawJson});
            return this;
        }

        Obj replace(String key, String rawJson) {
            for (String[] m : members) {
                if (m[0].equals(key)) {
                    m[1] = rawJson;
                    return this;
                }
            }
            return put(key, rawJson);
        }

        Obj remove(String key) {
            members.removeIf(m -> m[0].equals(key));
            return this;
        }

        String json() {
            StringBuilder sb = new StringBuilder("{");
            for (String[] m : members) {
                if (sb.length() > 1) sb.append(',');
                sb.append(str(m[0])).append(':').append(m[1]);
            }
            return sb.append('}').toString();
        }
    }

    static String str(String s) {
        return Wire.writeString(s);
    }

    private String mac() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            if (i > 0) sb.append(':');
            int b = random.nextInt(256);
            if (i == 0) b &= 0xFE; // unicast
            sb.append(String.format("%02x", b));
        }
        return sb.toString();
    }

    private String time(Instant t) {
        return random.nextBoolean() ? io.sentinel.protocol.wire.EpochTime.toSecondsText(t) : str(t.toString());
    }

    private Obj item(List<Item> model) {
        String mac = mac();
        Optional<Ssid> ssid = random.nextInt(5) == 0 ? Optional.empty() : Optional.of(SSIDS.get(random.nextInt(SSIDS.size())));
        long beacons = random.nextInt(10) == 0 ? Ranges.MAX_COUNT : random.nextInt(1000);
        int min = -95 + random.nextInt(40);
        int max = min + random.nextInt(20);
        Instant last = now.minusSeconds(random.nextInt(3600)).plusNanos(random.nextInt(1_000_000) * 1000L);
        Instant first = last.minusSeconds(random.nextInt(10));
        Obj o = new Obj().put("kind", str(random.nextInt(4) == 0 ? "client" : "ap")).put("mac", str(mac));
        if (random.nextBoolean()) o.put("bssid", str(mac()));
        ssid.ifPresent(s -> {
            if (s.text().isPresent() && random.nextInt(4) > 0) o.put("ssid", str(s.text().get()));
            else o.put("ssid_hex", str(random.nextBoolean() ? s.hex() : s.hex().toUpperCase(java.util.Locale.ROOT)));
        });
        o.put("channel", Integer.toString(1 + random.nextInt(165))).put("freq_mhz", Integer.toString(2412 + random.nextInt(5000)))
                .put("security", str(random.nextBoolean() ? "wpa2-psk" : "open"))
                .put("rssi_min", Integer.toString(min)).put("rssi_avg", Double.toString((min + max) / 2.0))
                .put("rssi_max", Integer.toString(max)).put("first_seen", time(first)).put("last_seen", time(last))
                .put("frames", "{\"beacon\":" + beacons + ",\"probe_resp\":" + random.nextInt(50) + "}");
        if (random.nextInt(3) == 0) o.put("vendor", str(random.nextBoolean() ? "Acme \u00e9\u202e" : "Intel"));
        model.add(new Item(mac, ssid, beacons));
        return o;
    }

    private Obj alert(String id) {
        Instant last = now.minusSeconds(random.nextInt(3600));
        Ssid ssid = SSIDS.get(random.nextInt(SSIDS.size()));
        Obj o = new Obj().put("id", str(id)).put("type", str(random.nextBoolean() ? "deauth_flood" : "evil_twin"))
                .put("severity", str(List.of("info", "low", "medium", "high", "critical").get(random.nextInt(5))))
                .put("confidence", Double.toString(random.nextInt(10_001) / 10_000.0))
                .put("first_seen", time(last.minusSeconds(30))).put("last_seen", time(last))
                .put("count", Long.toString(random.nextInt(5) == 0 ? Ranges.MAX_COUNT : random.nextInt(100_000)))
                .put("bssid", str(mac()));
        if (ssid.text().isPresent()) o.put("ssid", str(ssid.text().get()));
        else o.put("ssid_hex", str(ssid.hex()));
        o.put("source", random.nextBoolean() ? str(mac()) : "null").put("target", random.nextBoolean() ? str(mac()) : "null")
                .put("channel", random.nextBoolean() ? Integer.toString(1 + random.nextInt(14)) : "null")
                .put("reasons", "[\"RATE_ABOVE_THRESHOLD\"]").put("mitre", "[\"T1499\"]")
                .put("evidence", "{\"rate_per_s\":" + random.nextInt(500) + ".25,\"sample_ssids\":[" + str("Caf\\x00e")
                        + "],\"nested\":{\"big\":123456789012345678901234567890,\"ok\":true,\"none\":null}}")
                .put("summary", str("Flood against \u202e" + ssid.display()));
        return o;
    }

    /** The next request: about half valid, the rest with one fault each. */
    Request next() {
        serial++;
        boolean telemetry = random.nextInt(3) > 0;
        String batchId = (telemetry ? "t-" : "a-") + sensorId + "-" + serial;
        List<Item> model = new ArrayList<>();
        List<String> alertIds = new ArrayList<>();
        List<Obj> entries = new ArrayList<>();
        int n = 1 + random.nextInt(telemetry ? 20 : 5);
        for (int i = 0; i < n; i++) {
            if (telemetry) {
                entries.add(item(model));
            } else {
                String id = "al-" + sensorId + "-" + serial + "-" + i;
                alertIds.add(id);
                entries.add(alert(id));
            }
        }
        Obj top = new Obj().put("batch_id", str(batchId)).put("sensor_id", str(sensorId));
        String fault = "none";
        Expect expect = Expect.ACCEPTED;
        String contentType = "application/json";
        Charset charset = StandardCharsets.UTF_8;
        boolean bom = false;
        boolean flip = false;
        int pick = random.nextInt(100);
        if (pick >= 50) {
            expect = Expect.REFUSED;
            Obj victim = entries.get(random.nextInt(entries.size()));
            int f = random.nextInt(telemetry ? 22 : 16);
            if (telemetry) {
                switch (f) {
                    case 0 -> { fault = "duplicate top-level key"; top.put("batch_id", str(batchId + "-other")); }
                    case 1 -> { fault = "duplicate item key"; victim.put("mac", str(mac())); }
                    case 2 -> { fault = "unknown field"; victim.put("colour", str("red")); }
                    case 3 -> { fault = "missing mac"; victim.remove("mac"); }
                    case 4 -> { fault = "numeric ssid"; victim.remove("ssid_hex").replace("ssid", "12"); }
                    case 5 -> { fault = "channel as text"; victim.replace("channel", "\"6\""); }
                    case 6 -> { fault = "channel beyond int"; victim.replace("channel", "99999999999"); }
                    case 7 -> { fault = "count beyond range"; victim.replace("frames", "{\"beacon\":9223372036854775807}"); }
                    case 8 -> { fault = "negative count"; victim.replace("frames", "{\"beacon\":-1}"); }
                    case 9 -> { fault = "time beyond year 9999"; victim.replace("last_seen", "\"10000-01-01T00:00:00Z\""); }
                    case 10 -> { fault = "upper-case mac"; victim.replace("mac", str("AA:BB:CC:DD:EE:FF")); }
                    case 11 -> { fault = "bidi in mac"; victim.replace("mac", str("\u202e00:11:22:33:44:55")); }
                    case 12 -> { fault = "NUL in vendor"; victim.replace("vendor", str("Ac\u0000me")); }
                    case 13 -> { fault = "unpaired surrogate in ssid"; victim.remove("ssid_hex").replace("ssid", "\"\\ud800x\""); }
                    case 14 -> { fault = "odd ssid_hex"; victim.remove("ssid").replace("ssid_hex", "\"abc\""); }
                    case 15 -> { fault = "rssi out of range"; victim.replace("rssi_max", "31"); }
                    case 16 -> { fault = "items null"; top.put("items", "null"); entries.clear(); }
                    case 17 -> { fault = "UTF-16 body"; charset = StandardCharsets.UTF_16LE; }
                    case 18 -> { fault = "byte order mark"; bom = true; }
                    case 19 -> { fault = "charset utf-16 declared"; contentType = "application/json; charset=utf-16"; }
                    case 20 -> { fault = "ssid and ssid_hex disagree"; victim.remove("ssid").put("ssid", str("A")).replace("ssid_hex", str("42")); }
                    default -> { fault = "kind coerced from number"; victim.replace("kind", "1"); }
                }
            } else {
                switch (f) {
                    case 0 -> { fault = "duplicate top-level key"; top.put("sensor_id", str(sensorId)); }
                    case 1 -> { fault = "bidi in bssid"; victim.replace("bssid", str("00:11:22:33:44:55\u200f")); }
                    case 2 -> { fault = "free text source"; victim.replace("source", str("attacker")); }
                    case 3 -> { fault = "control char in target"; victim.replace("target", str("00:11:22:33:44:5\u0007")); }
                    case 4 -> { fault = "count of a signed 64-bit maximum"; victim.replace("count", "9223372036854775807"); }
                    case 5 -> { fault = "evidence infinity"; victim.replace("evidence", "{\"rate\":1e999}"); }
                    case 6 -> { fault = "NUL in evidence"; victim.replace("evidence", "{\"s\":\"a\\u0000\"}"); }
                    case 7 -> { fault = "confidence above 1"; victim.replace("confidence", "1.5"); }
                    case 8 -> { fault = "unknown severity"; victim.replace("severity", str("severe")); }
                    case 9 -> { fault = "unknown field"; victim.put("future_key", "1"); }
                    case 10 -> { fault = "numeric ssid"; victim.remove("ssid_hex").replace("ssid", "12"); }
                    case 11 -> { fault = "NUL in summary"; victim.replace("summary", str("a\u0000b")); }
                    case 12 -> { fault = "UTF-32 body"; charset = Charset.forName("UTF-32BE"); }
                    case 13 -> { fault = "confidence as text"; victim.replace("confidence", "\"0.5\""); }
                    case 14 -> { fault = "alerts null"; top.put("alerts", "null"); entries.clear(); }
                    default -> { fault = "count as float"; victim.replace("count", "3.0"); }
                }
            }
        } else if (pick >= 40) {
            expect = Expect.EITHER;
            fault = "byte flip";
            flip = true;
        }
        if (!top.members.stream().anyMatch(m -> m[0].equals(telemetry ? "items" : "alerts"))) {
            StringBuilder list = new StringBuilder("[");
            for (Obj e : entries) {
                if (list.length() > 1) list.append(',');
                list.append(e.json());
            }
            top.put(telemetry ? "items" : "alerts", list.append(']').toString());
        }
        byte[] body = top.json().getBytes(charset);
        if (bom) {
            byte[] b = new byte[body.length + 3];
            b[0] = (byte) 0xEF;
            b[1] = (byte) 0xBB;
            b[2] = (byte) 0xBF;
            System.arraycopy(body, 0, b, 3, body.length);
            body = b;
        }
        if (flip) {
            // never inside the batch id: a flipped id could name another request's batch
            int from = top.json().indexOf("\"sensor_id\"");
            for (int k = 1 + random.nextInt(3); k > 0; k--) {
                body[from + random.nextInt(body.length - from)] ^= (byte) (1 << random.nextInt(8));
            }
        }
        return new Request(telemetry ? "/api/v1/telemetry" : "/api/v1/alerts", batchId, body, random.nextBoolean(), contentType,
                expect, fault, model, alertIds);
    }
}
