package io.sentinel.store.notify;

import java.util.Locale;

/** The alert changes a rule can ask to be told about. */
public enum LifecycleEvent {
    /** a new alert, or a resolved one that received new evidence */
    OPENED,
    /** its severity rose */
    ESCALATED,
    /** new evidence after a quiet gap (at least the rule's {@code quiet_gap_seconds}) */
    REPEATED,
    ACKNOWLEDGED,
    RESOLVED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LifecycleEvent parse(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
