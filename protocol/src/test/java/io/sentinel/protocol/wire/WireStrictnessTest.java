package io.sentinel.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.protocol.wire.InvalidMessageException.Reason;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** What the one codec refuses, and the field and reason it names for each refusal. */
class WireStrictnessTest {
    private static final String ITEM = "{'kind':'ap','mac':'00:11:22:33:44:55','first_seen':1700000000,'last_seen':1700000001}";

    private static byte[] json(String s) {
        return s.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    private static String batch(String item) {
        return "{'batch_id':'b-1','sensor_id':'s1','items':[" + item + "]}";
    }

    private static String withItemField(String field) {
        return batch(ITEM.substring(0, ITEM.length() - 1) + "," + field + "}");
    }

    private static void refused(ThrowingCallable call, Reason reason, String field) {
        assertThatThrownBy(call).isInstanceOf(InvalidMessageException.class).satisfies(e -> {
            InvalidMessageException ime = (InvalidMessageException) e;
            assertThat(ime.reason()).as(ime.getMessage()).isEqualTo(reason);
            assertThat(ime.field()).as(ime.getMessage()).isEqualTo(field);
        });
    }

    @Test
    void aValidBatchIsRead() {
        TelemetryBatch b = Wire.readTelemetryBatch(json(batch(ITEM)));
        assertThat(b.items()).hasSize(1);
    }

    @Test
    void duplicateKeysAreRefusedAtEveryLevel() {
        refused(() -> Wire.readTelemetryBatch(json("{'batch_id':'a','batch_id':'b','sensor_id':'s1','items':[]}")),
                Reason.DUPLICATE_FIELD, "batch_id");
        refused(() -> Wire.readTelemetryBatch(json(withItemField("'mac':'00:11:22:33:44:66'"))),
                Reason.DUPLICATE_FIELD, "items[0].mac");
        refused(() -> Wire.readTelemetryBatch(json(withItemField("'frames':{'beacon':1,'beacon':2}"))),
                Reason.DUPLICATE_FIELD, "items[0].frames.beacon");
    }

    @Test
    void scalarsAreNotCoerced() {
        refused(() -> Wire.readTelemetryBatch(json(withItemField("'ssid':12"))), Reason.INVALID_FIELD, "items[0].ssid");
        refused(() -> Wire.readTelemetryBatch(json(withItemField("'ssid':true"))), Reason.INVALID_FIELD, "items[0].ssid");
        refused(() -> Wire.readTelemetryBatch(json(withItemField("'channel':'6'"))), Reason.INVALID_FIELD, "items[0].channel");
        refused(() -> Wire.readTelemetryBatch(json(withItemField("'channel':6.0"))), Reason.INVALID_FIELD, "items[0].channel");
        refused(() -> Wire.readTelemetryBatch(json(withItemField("'rssi_avg':'-50'"))), Reason.INVALID_FIELD, "items[0].rssi_avg");
        refused(() -> Wire.readTelemetryBatch(json(withItemField("'frames':{'beacon':'5'}"))), Reason.INVALID_FIELD,
                "items[0].frames.beacon");
        refused(() -> Wire.readTelemetryBatch(json(withItemField("'frames':{'beacon':null}"))), Reason.INVALID_FIELD,
                "items[0].frames.beacon");
        refused(() -> Wire.readTelemetryBatch(json(withItemField("'security':['wpa2']"))), Reason.INVALID_FIELD,
                "items[0].security");
        refused(() -> Wire.readTelemetryBatch(json("{'batch_id':7,'sensor_id':'s1','items':[]}")), Reason.INVALID_FIELD,
                "batch_id");
        refused(() -> Wire.readTelemetryBatch(json("{'batch_id':'b','sensor_id':'s1','items':null}")), Reason.INVALID_FIELD,
                "items");
        refused(() -> Wire.readTelemetryBatch(json("{'batch_id':'b','sensor_id':'s1','items':{}}")), Reason.INVALID_FIELD,
                "items");
        refused(() -> Wire.readTelemetryBatch(json("{'batch_id':'b','sensor_id':'s1','items':[" + ITEM + "," + "null]}")),
                Reason.INVALID_FIELD, "items[1]");
    }

    @Test
    void numbersOutOfRangeAreRefusedNamingTheField() {
        refused(() -> Wire.readTelemetryBatch(json(withItemField("'channel':99999999999"))), Reason.INVALID_FIELD,
                "items[0].channel");
        refused(() -> Wire.readTelemetryBatch(json(withItemField("'channel':301"))), Reason.INVALID_FIELD, "items[0].channel");
        refused(() -> Wire.readTelemetryBatch(json(withItemField("'freq_mhz':-5"))), Reason.INVALID_FIELD, "items[0].freq_mhz");
        refused(() -> Wire.readTelemetryBatch(json(withItemField("'rssi_min':-151"))), Reason.INVALID_FIELD, "items[0].rssi_min");
        refused(() -> Wire.readTelemetryBatch(json(withItemField("'rssi_min':-20,'rssi_max':-30"))), Reason.INVALID_FIELD,
                "items[0].rssi_min");
        refused(() -> Wire.readTelemetryBatch(json(withItemField("'frames':{'beacon':9223372036854775807}"))),
                Reason.INVALID_FIELD, "items[0].frames.beacon");
        refused(() -> Wire.readTelemetryBatch(json(withItemField("'frames':{'beacon':-1}"))), Reason.INVALID_FIELD,
                "items[0].frames.beacon");
        refused(() -> Wire.readTelemetryBatch(json(withItemField("'frames':{'beacon':92233720368547758070}"))),
                Reason.INVALID_FIELD, "items[0].frames.beacon");
        refused(() -> Wire.readTelemetryBatch(json(batch(
                "{'kind':'ap','mac':'00:11:22:33:44:55','first_seen':1700000000,'last_seen':999999999999999}"))),
                Reason.INVALID_FIELD, "items[0].last_seen");
        refused(() -> Wire.readTelemetryBatch(json(batch(
                "{'kind':'ap','mac':'00:11:22:33:44:55','first_seen':-1,'last_seen':1}"))),
                Reason.INVALID_FIELD, "items[0].first_seen");
        refused(() -> Wire.readTelemetryBatch(json(batch(
                "{'kind':'ap','mac':'00:11:22:33:44:55','first_seen':1e400,'last_seen':1}"))),
                Reason.INVALID_FIELD, "items[0].first_seen");
    }

    @Test
    void unknownAndMissingFieldsAreNamed() {
        refused(() -> Wire.readTelemetryBatch(json(withItemField("'colour':'red'"))), Reason.UNKNOWN_FIELD, "items[0].colour");
        refused(() -> Wire.readTelemetryBatch(json("{'batch_id':'b','sensor_id':'s1','items':[],'x':1}")),
                Reason.UNKNOWN_FIELD, "x");
        refused(() -> Wire.readTelemetryBatch(json("{'batch_id':'b','items':[]}")), Reason.MISSING_FIELD, "sensor_id");
        refused(() -> Wire.readTelemetryBatch(json(batch("{'kind':'ap','first_seen':1,'last_seen':2}"))),
                Reason.MISSING_FIELD, "items[0].mac");
        refused(() -> Wire.readHeartbeat(json("{'sensor_id':'s1','future':1}")), Reason.UNKNOWN_FIELD, "future");
        refused(() -> Wire.readAlertBatch(json("{'batch_id':'a','sensor_id':'s1','alerts':[{'id':'x','type':'t',"
                + "'severity':'low','confidence':0.5,'first_seen':1,'last_seen':2,'count':1,'future_key':1}]}")),
                Reason.UNKNOWN_FIELD, "alerts[0].future_key");
    }

    @Test
    void onlyUtf8WithoutByteOrderMarkIsRead() {
        String body = batch(ITEM).replace('\'', '"');
        for (Charset cs : new Charset[] {StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16,
                Charset.forName("UTF-32BE"), Charset.forName("UTF-32LE")}) {
            refused(() -> Wire.readTelemetryBatch(body.getBytes(cs)), Reason.ENCODING, "");
        }
        byte[] utf8 = body.getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[utf8.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, bom, 3, utf8.length);
        refused(() -> Wire.readTelemetryBatch(bom), Reason.ENCODING, "");
        // invalid sequences inside a string: a lone continuation byte, an overlong slash, an encoded surrogate
        for (String bad : new String[] {"80", "c0af", "eda080", "f4908080", "e282"}) {
            byte[] b = ("{\"batch_id\":\"b\",\"sensor_id\":\"s1\",\"items\":[],\"x\":\"").getBytes(StandardCharsets.UTF_8);
            byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
            byte[] mid = HexFormat.of().parseHex(bad);
            byte[] all = new byte[b.length + mid.length + tail.length];
            System.arraycopy(b, 0, all, 0, b.length);
            System.arraycopy(mid, 0, all, b.length, mid.length);
            System.arraycopy(tail, 0, all, b.length + mid.length, tail.length);
            refused(() -> Wire.readTelemetryBatch(all), Reason.ENCODING, "");
        }
    }

    @Test
    void malformedDocumentsAreRefusedWithoutAField() {
        refused(() -> Wire.readTelemetryBatch(json("{'batch_id':")), Reason.MALFORMED, "");
        refused(() -> Wire.readTelemetryBatch(json(batch(ITEM) + " {}")), Reason.MALFORMED, "");
        refused(() -> Wire.readTelemetryBatch(json("[]")), Reason.MALFORMED, "");
        refused(() -> Wire.readTelemetryBatch(json("null")), Reason.MALFORMED, "");
        refused(() -> Wire.readTelemetryBatch(new byte[0]), Reason.MALFORMED, "");
        refused(() -> Wire.readTelemetryBatch(json("{'batch_id':'b','sensor_id':'s1','items':[],/*c*/}")), Reason.MALFORMED, "");
        refused(() -> Wire.readTelemetryBatch(json(withItemField("'rssi_avg':NaN"))), Reason.MALFORMED, "");
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < 200; i++) deep.append("[");
        assertThatThrownBy(() -> Wire.readAlertBatch(json("{'batch_id':'a','sensor_id':'s1','alerts':[{'id':'x',"
                + "'type':'t','severity':'low','confidence':0.5,'first_seen':1,'last_seen':2,'count':1,'evidence':{'a':"
                + deep + "}}]}")))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("nesting depth")
                .satisfies(e -> assertThat(((InvalidMessageException) e).reason()).isEqualTo(Reason.MALFORMED));
    }

    @Test
    void textThatTheDatabaseCannotHoldIsRefused() {
        refused(() -> Wire.readTelemetryBatch(json(withItemField("'vendor':'Ac\\u0000me'"))), Reason.INVALID_FIELD,
                "items[0].vendor");
        refused(() -> Wire.readTelemetryBatch(json(withItemField("'vendor':'\\ud800'"))), Reason.INVALID_FIELD,
                "items[0].vendor");
        refused(() -> Wire.readTelemetryBatch(json(withItemField("'ssid':'\\udc00x'"))), Reason.INVALID_FIELD,
                "items[0].ssid");
        refused(() -> Wire.readHeartbeat(json("{'sensor_id':'s1','version':'1\\u0000'}")), Reason.INVALID_FIELD, "version");
    }

    @Test
    void macsAreValidatedAsMacsInAlerts() {
        String alert = "{'id':'x','type':'deauth_flood','severity':'low','confidence':0.5,'first_seen':1,'last_seen':2,"
                + "'count':1,%s}";
        for (String field : new String[] {"bssid", "source", "target"}) {
            for (String bad : new String[] {"\\u202e00:11:22:33:44:55", "00:11:22:33:44:55\\u200f", "attacker",
                    "00:11:22:33:44:5G", "00-11-22-33-44-55", "00:11:22:33:44:55 ", "00:11:22:33:44"}) {
                String body = "{'batch_id':'a','sensor_id':'s1','alerts':[" + alert.formatted("'" + field + "':'" + bad + "'") + "]}";
                refused(() -> Wire.readAlertBatch(json(body)), Reason.INVALID_FIELD, "alerts[0]." + field);
            }
        }
    }

    @Test
    void countsAreRangeChecked() {
        String alert = "{'batch_id':'a','sensor_id':'s1','alerts':[{'id':'x','type':'deauth_flood','severity':'low',"
                + "'confidence':0.5,'first_seen':1,'last_seen':2,'count':%s}]}";
        refused(() -> Wire.readAlertBatch(json(alert.formatted("9223372036854775807"))), Reason.INVALID_FIELD, "alerts[0].count");
        refused(() -> Wire.readAlertBatch(json(alert.formatted("9223372036854775808"))), Reason.INVALID_FIELD, "alerts[0].count");
        refused(() -> Wire.readAlertBatch(json(alert.formatted("-1"))), Reason.INVALID_FIELD, "alerts[0].count");
        refused(() -> Wire.readAlertBatch(json(alert.formatted("1.5"))), Reason.INVALID_FIELD, "alerts[0].count");
        assertThat(Wire.readAlertBatch(json(alert.formatted(Long.toString(Ranges.MAX_COUNT)))).alerts().get(0).count())
                .isEqualTo(Ranges.MAX_COUNT);
    }

    @Test
    void evidenceMustBeStorableJson() {
        String alert = "{'batch_id':'a','sensor_id':'s1','alerts':[{'id':'x','type':'deauth_flood','severity':'low',"
                + "'confidence':0.5,'first_seen':1,'last_seen':2,'count':1,'evidence':%s}]}";
        refused(() -> Wire.readAlertBatch(json(alert.formatted("{'rate':1e999}"))), Reason.INVALID_FIELD,
                "alerts[0].evidence.rate");
        refused(() -> Wire.readAlertBatch(json(alert.formatted("{'ssids':['ok','a\\u0000b']}"))), Reason.INVALID_FIELD,
                "alerts[0].evidence.ssids");
        refused(() -> Wire.readAlertBatch(json(alert.formatted("{'a':{'b':{'c':{'d':{'e':{'f':{'g':{'h':{'i':1}}}}}}}}}"))),
                Reason.INVALID_FIELD, "alerts[0].evidence.a.b.c.d.e.f.g.h");
        refused(() -> Wire.readAlertBatch(json(alert.formatted("7"))), Reason.INVALID_FIELD, "alerts[0].evidence");
        assertThat(Wire.readAlertBatch(json(alert.formatted("{'rate':24.5,'n':3,'big':123456789012345678901234567890,"
                + "'ok':true,'none':null,'list':[1,'x',{'y':[]}]}"))).alerts().get(0).evidence())
                .containsEntry("rate", 24.5).containsKey("big").containsEntry("none", null);
    }
}
