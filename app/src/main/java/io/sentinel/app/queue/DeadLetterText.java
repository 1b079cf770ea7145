package io.sentinel.app.queue;

import java.io.PrintWriter;
import java.util.Map;

/** The terminal form of a listing: one block per dead letter, sensor-sent text made printable. */
final class DeadLetterText {
    private static final int MAX_ERROR = 500;

    private DeadLetterText() {}

    static void print(PrintWriter out, DeadLetterAccess.Listing l) {
        out.println(l.total() + " dead letter" + (l.total() == 1 ? "" : "s") + " held"
                + (l.items().size() < l.total() ? " (newest " + l.items().size() + " shown)" : ""));
        for (Map<String, Object> d : l.items()) {
            out.println(printable(d.get("id")) + "  " + printable(d.get("kind")) + "  sensor " + printable(d.get("sensor_id"))
                    + "  batch " + printable(d.get("batch_id")) + "  received " + printable(d.get("received_at"))
                    + "  dead " + printable(d.get("dead_at")) + "  deliveries " + printable(d.get("deliveries"))
                    + "  " + printable(d.get("payload_bytes")) + " bytes");
            String error = printable(d.get("error"));
            out.println("    " + (error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) + "..." : error));
        }
    }

    /** Control, format (bidi) and other invisible characters as {@code \\uHHHH}; the rest as is. */
    static String printable(Object value) {
        String s = String.valueOf(value);
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            boolean invisible = Character.isISOControl(cp) || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.PRIVATE_USE || type == Character.UNASSIGNED
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
            if (cp == '\\') {
                b.append("\\\\");
            } else if (invisible) {
                b.append(String.format("\\u%04X", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }
}
