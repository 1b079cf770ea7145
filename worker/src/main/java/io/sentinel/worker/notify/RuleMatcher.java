package io.sentinel.worker.notify;

import io.sentinel.store.alert.Alert;
import io.sentinel.store.notify.DeliveryRepository.OutboxEvent;
import io.sentinel.store.notify.LifecycleEvent;
import io.sentinel.store.notify.RuleDefinition;

/** Whether an outbox event of an alert matches a rule: every filter given must hold. */
public final class RuleMatcher {
    private RuleMatcher() {}

    public static boolean matches(RuleDefinition r, OutboxEvent e, Alert a) {
        if (!r.events().contains(e.event())) {
            return false;
        }
        if (e.event() == LifecycleEvent.REPEATED) {
            Object gap = e.detail().get("gap_seconds");
            if (!(gap instanceof Number n) || n.longValue() < r.quietGapSeconds()) {
                return false;
            }
        }
        if (RuleDefinition.rank(a.severity()) < RuleDefinition.rank(r.minSeverity())) {
            return false;
        }
        if (!r.types().isEmpty() && !r.types().contains(a.type())) {
            return false;
        }
        if (!r.sensors().isEmpty() && a.sensorIds().stream().noneMatch(r.sensors()::contains)) {
            return false;
        }
        if (!r.bssids().isEmpty() && (a.bssid().isEmpty() || !r.bssids().contains(a.bssid().get()))) {
            return false;
        }
        return r.ssids().isEmpty() || (a.ssid().isPresent() && r.ssids().contains(a.ssid().get()));
    }
}
