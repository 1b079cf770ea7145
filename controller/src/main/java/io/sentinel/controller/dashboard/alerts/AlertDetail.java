package io.sentinel.controller.dashboard.alerts;

import io.sentinel.controller.dashboard.view.EvidenceTable;
import io.sentinel.controller.dashboard.view.SsidView;
import io.sentinel.controller.dashboard.view.UntrustedText;
import io.sentinel.store.alert.Alert;
import io.sentinel.store.alert.AlertHistoryEntry;
import io.sentinel.store.alert.AlertReport;
import io.sentinel.store.network.Network;
import java.util.List;
import java.util.Optional;

/**
 * An alert with everything its page shows: the stored alert, each sensor's report, its history,
 * its evidence as a table, its PCAP evidence files and the network its BSSID belongs to (from the inventory), if known.
 */
public record AlertDetail(Alert alert, SsidView ssid, UntrustedText summary, EvidenceTable evidence,
        List<AlertReport> reports, List<AlertHistoryEntry> history, Optional<Network> network, Optional<SsidView> networkSsid,
        List<EvidenceFileView> files) {

    public AlertDetail {
        files = List.copyOf(files);
        reports = List.copyOf(reports);
        history = List.copyOf(history);
    }

    /** {@code open}, {@code acknowledged} or {@code resolved}. */
    public String status() {
        return alert.status().dbValue();
    }
}
