package io.sentinel.controller.dashboard.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentinel.controller.dashboard.web.Format;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An alert's evidence (the detector's numbers behind its decision) as rows a person reads: a
 * label from the key, the value with its unit from the key's suffix ({@code _s} seconds,
 * {@code _per_s} per second, {@code _dbm}, {@code _ms}, {@code _mhz}, {@code _tu} time units,
 * {@code _share} a fraction shown as per cent), lists of numbers on one line and other lists one
 * item per line, nested objects as {@code parent · child} rows, rows in the order of their keys.
 * Text values come from the air and are kept as {@link UntrustedText}.
 *
 * @param rows the rows, by key
 * @param raw  the evidence as indented JSON, for the "raw JSON" view
 */
public record EvidenceTable(List<Row> rows, String raw) {

    /**
     * One fact.
     *
     * @param key    the evidence key (dotted for nested objects)
     * @param label  the key for people: words, acronyms in capitals, the unit suffix removed
     * @param values one value, or the items of a list (a list of numbers: one value, comma-separated)
     * @param list   true when the value is a list shown one item per line, with its length
     * @param mono   true when the values are identifiers (MAC addresses, hex)
     */
    public record Row(String key, String label, List<UntrustedText> values, boolean list, boolean mono) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ROWS = 200;
    private static final int MAX_ITEMS = 100;
    private static final Pattern MAC = Pattern.compile("([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}");
    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("bssid", "BSSID"), Map.entry("bssids", "BSSIDs"), Map.entry("ssid", "SSID"), Map.entry("ssids", "SSIDs"),
            Map.entry("csa", "CSA"), Map.entry("fcs", "FCS"), Map.entry("iv", "IV"), Map.entry("ivs", "IVs"),
            Map.entry("ds", "DS"), Map.entry("wep", "WEP"), Map.entry("m1", "M1"), Map.entry("m2", "M2"),
            Map.entry("m3", "M3"), Map.entry("m4", "M4"), Map.entry("tsf", "TSF"), Map.entry("pmkid", "PMKID"),
            Map.entry("eapol", "EAPOL"), Map.entry("sae", "SAE"), Map.entry("mac", "MAC"), Map.entry("macs", "MACs"),
            Map.entry("rssi", "RSSI"), Map.entry("oui", "OUI"));

    /** The table of an evidence JSON object; anything that is not an object becomes one "value" row. */
    public static EvidenceTable of(String evidenceJson) {
        JsonNode root;
        try {
            root = JSON.readTree(evidenceJson == null || evidenceJson.isBlank() ? "{}" : evidenceJson);
        } catch (java.io.IOException e) {
            return new EvidenceTable(List.of(new Row("value", "Value", List.of(UntrustedText.of(evidenceJson)), false, false)),
                    evidenceJson);
        }
        List<Row> rows = new ArrayList<>();
        if (root.isObject()) {
            addObject(rows, "", "", root);
        } else {
            add(rows, "value", "Value", root);
        }
        String raw;
        try {
            raw = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (java.io.IOException e) {
            raw = evidenceJson;
        }
        return new EvidenceTable(List.copyOf(rows), raw);
    }

    private static void addObject(List<Row> rows, String keyPrefix, String labelPrefix, JsonNode object) {
        // PostgreSQL's jsonb keeps keys ordered by length; people look them up by name
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        object.fields().forEachRemaining(fields::add);
        fields.sort(Map.Entry.comparingByKey());
        for (Map.Entry<String, JsonNode> f : fields) {
            if (rows.size() >= MAX_ROWS) {
                break;
            }
            String key = keyPrefix + f.getKey();
            String label = labelPrefix + label(f.getKey());
            if (f.getValue().isObject() && !f.getValue().isEmpty()) {
                addObject(rows, key + ".", label + " · ", f.getValue());
            } else {
                add(rows, key, label, f.getValue(), unit(f.getKey()));
            }
        }
    }

    private static void add(List<Row> rows, String key, String label, JsonNode value) {
        add(rows, key, label, value, Unit.NONE);
    }

    private static void add(List<Row> rows, String key, String label, JsonNode value, Unit unit) {
        if (value.isArray() && !value.isEmpty() && allNumbers(value)) {
            List<String> numbers = new ArrayList<>();
            value.forEach(v -> numbers.add(text(v, unit)));
            rows.add(new Row(key, label, List.of(UntrustedText.of(String.join(", ", numbers))), false, false));
            return;
        }
        if (value.isArray()) {
            List<UntrustedText> items = new ArrayList<>();
            boolean mono = true;
            for (JsonNode item : value) {
                if (items.size() == MAX_ITEMS) {
                    items.add(UntrustedText.of("… and " + (value.size() - MAX_ITEMS) + " more"));
                    break;
                }
                String text = text(item, unit);
                mono &= MAC.matcher(text).matches() || item.isNumber();
                items.add(UntrustedText.of(text));
            }
            rows.add(new Row(key, label, items, true, mono && !items.isEmpty()));
            return;
        }
        String text = text(value, unit);
        rows.add(new Row(key, label, List.of(UntrustedText.of(text)), false, MAC.matcher(text).matches()));
    }

    private static boolean allNumbers(JsonNode array) {
        for (JsonNode v : array) {
            if (!v.isNumber()) {
                return false;
            }
        }
        return array.size() <= MAX_ITEMS;
    }

    private static String text(JsonNode v, Unit unit) {
        if (v.isNull() || v.isMissingNode()) {
            return "—";
        }
        if (v.isBoolean()) {
            return v.asBoolean() ? "yes" : "no";
        }
        if (v.isNumber()) {
            return unit.format(v.decimalValue());
        }
        if (v.isTextual()) {
            return v.asText();
        }
        return v.toString();
    }

    /** Words of a key with acronyms in capitals and the unit suffix removed: {@code rate_per_s} is "Rate". */
    static String label(String key) {
        String base = key;
        Unit u = unit(key);
        if (u != Unit.NONE && key.length() > u.suffix.length()) {
            base = key.substring(0, key.length() - u.suffix.length());
        }
        String[] words = base.split("_");
        StringBuilder out = new StringBuilder();
        for (String w : words) {
            if (w.isEmpty()) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(WORDS.getOrDefault(w.toLowerCase(Locale.ROOT), w));
        }
        if (out.isEmpty()) {
            return key;
        }
        if (Character.isLowerCase(out.charAt(0))) {
            out.setCharAt(0, Character.toUpperCase(out.charAt(0)));
        }
        return out.toString();
    }

    static Unit unit(String key) {
        for (Unit u : Unit.values()) {
            if (u != Unit.NONE && key.endsWith(u.suffix)) {
                return u;
            }
        }
        return Unit.NONE;
    }

    /** Units by key suffix, longest suffix first. */
    enum Unit {
        PER_SECOND("_per_s", "/s"),
        SHARE("_share", "%"),
        DBM("_dbm", "dBm"),
        MILLISECONDS("_ms", "ms"),
        MEGAHERTZ("_mhz", "MHz"),
        TIME_UNITS("_tu", "TU"),
        SECONDS("_s", "s"),
        NONE("", "");

        private final String suffix;
        private final String symbol;

        Unit(String suffix, String symbol) {
            this.suffix = suffix;
            this.symbol = symbol;
        }

        String format(BigDecimal v) {
            if (this == SHARE) {
                return Format.number(v.doubleValue() * 100) + " %";
            }
            String n = Format.number(v.doubleValue());
            return symbol.isEmpty() ? n : n + " " + symbol;
        }
    }
}
