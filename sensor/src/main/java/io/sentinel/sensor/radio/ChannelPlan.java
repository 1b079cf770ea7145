package io.sentinel.sensor.radio;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Channel lists to hop across. 2.4 GHz: 1-13 (14 is Japan-only DSSS and left out unless named).
 * 5 GHz: the 20 MHz channels 36-64, 100-144 and 149-165 (UNII-1 to UNII-3). 6 GHz: the
 * preferred scanning channels (5, 21, ..., 229, every 16th), where 6 GHz APs must be
 * discoverable, or all 59 channels 1-233 when asked.
 */
public final class ChannelPlan {
    private ChannelPlan() {}

    public static List<Channel> band24() {
        List<Channel> out = new ArrayList<>();
        for (int c = 1; c <= 13; c++) out.add(Channel.of(Band.GHZ_2_4, c));
        return out;
    }

    public static List<Channel> band5() {
        List<Channel> out = new ArrayList<>();
        for (int c = 36; c <= 64; c += 4) out.add(Channel.of(Band.GHZ_5, c));
        for (int c = 100; c <= 144; c += 4) out.add(Channel.of(Band.GHZ_5, c));
        for (int c = 149; c <= 165; c += 4) out.add(Channel.of(Band.GHZ_5, c));
        return out;
    }

    public static List<Channel> band6(boolean preferredScanningOnly) {
        List<Channel> out = new ArrayList<>();
        for (int c = preferredScanningOnly ? 5 : 1; c <= 233; c += preferredScanningOnly ? 16 : 4) out.add(Channel.of(Band.GHZ_6, c));
        return out;
    }

    /**
     * Parses a plan such as {@code 2.4ghz}, {@code 2.4ghz,5ghz,6ghz}, {@code 6ghz-all},
     * {@code 1,6,11,36} or {@code 2.4:1,6,11;5:36,149;6:37}. Band keywords add the whole band;
     * bare numbers 1-14 are 2.4 GHz channels, 32-177 are 5 GHz; 6 GHz channels are written
     * {@code 6:N}.
     */
    public static List<Channel> parse(String spec) {
        LinkedHashSet<Channel> out = new LinkedHashSet<>();
        for (String group : spec.split(";")) {
            String g = group.strip();
            if (g.isEmpty()) continue;
            int colon = g.indexOf(':');
            if (colon > 0) {
                Band band = band(g.substring(0, colon).strip());
                for (String n : g.substring(colon + 1).split(",")) out.add(Channel.of(band, number(n)));
                continue;
            }
            for (String item : g.split(",")) {
                String t = item.strip();
                switch (t) {
                    case "2.4", "2.4ghz" -> out.addAll(band24());
                    case "5ghz" -> out.addAll(band5());
                    case "6ghz" -> out.addAll(band6(true));
                    case "6ghz-all" -> out.addAll(band6(false));
                    default -> {
                        int n = number(t);
                        if (n >= 1 && n <= 14) out.add(Channel.of(Band.GHZ_2_4, n));
                        else if (n >= 32 && n <= 177) out.add(Channel.of(Band.GHZ_5, n));
                        else throw new IllegalArgumentException("channel " + n + " is ambiguous or unknown; write 6:" + n + " for 6 GHz");
                    }
                }
            }
        }
        if (out.isEmpty()) throw new IllegalArgumentException("empty channel plan");
        return List.copyOf(out);
    }

    private static Band band(String s) {
        return switch (s) {
            case "2.4", "2.4ghz" -> Band.GHZ_2_4;
            case "5", "5ghz" -> Band.GHZ_5;
            case "6", "6ghz" -> Band.GHZ_6;
            default -> throw new IllegalArgumentException("unknown band " + s + " (2.4, 5 or 6)");
        };
    }

    private static int number(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a channel number: " + s);
        }
    }
}
