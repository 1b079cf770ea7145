package io.sentinel.controller.dashboard.alerts;

import io.sentinel.controller.dashboard.view.SsidView;
import io.sentinel.controller.dashboard.view.UntrustedText;
import io.sentinel.store.alert.AlertSummary;

/**
 * One alert as a table row shows it: the stored summary, its SSID as {@link SsidView} and its
 * summary text through {@link UntrustedText} (both come from the air).
 */
public record AlertRow(AlertSummary alert, SsidView ssid, UntrustedText summary) {

    public static AlertRow of(AlertSummary a) {
        return new AlertRow(a, SsidView.ofAlert(a.ssid()), UntrustedText.of(a.summary()));
    }

    /** {@code open}, {@code acknowledged} or {@code resolved}. */
    public String status() {
        return alert.status().dbValue();
    }
}
