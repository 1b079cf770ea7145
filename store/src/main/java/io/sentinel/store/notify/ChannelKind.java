package io.sentinel.store.notify;

import java.util.Locale;

/** The kinds of notification channel. */
public enum ChannelKind {
    WEBHOOK,
    SYSLOG,
    EMAIL,
    FILE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ChannelKind parse(String field, String s) {
        for (ChannelKind k : values()) {
            if (k.wire().equals(s)) {
                return k;
            }
        }
        throw new InvalidNotifyConfig(field, "must be webhook, syslog, email or file");
    }
}
