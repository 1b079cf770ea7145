package io.sentinel.controller.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentinel.protocol.fleet.FleetDocument;
import io.sentinel.protocol.fleet.MonitoredNetworkSpec;
import io.sentinel.protocol.wire.InvalidMessageException;
import io.sentinel.protocol.wire.Wire;
import io.sentinel.protocol.wire.WireText;
import io.sentinel.store.audit.AuditRepository;
import io.sentinel.store.fleet.FleetRepository;
import io.sentinel.store.fleet.FleetVersion;
import io.sentinel.store.fleet.LearnedNetwork;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every change of the fleet configuration, for the API and the dashboard alike: checked first
 * (the field named), saved as a new version on top of the version the operator edited, and
 * audited with its diff in the same transaction.
 */
public final class FleetChanges {

    public static final int MAX_DIFF = 200;
    public static final int DEFAULT_STEADY_DAYS = 3;

    /** A saved change: the new version and what changed against the version before it. */
    public record Saved(int version, Instant at, String actor, String comment, List<Map<String, Object>> changes) {}

    /** Who changes, for the audit log. */
    public record Actor(String name, String clientIp) {}

    /** A learnt network: the entry to add (or the BSSIDs to add to a monitored one) and why. */
    public record Proposal(String kind, MonitoredNetworkSpec network, MonitoredNetworkSpec merged, LearnedNetwork seen) {
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", kind);
            m.put("network", network);
            m.put("first_seen", seen.firstSeen());
            m.put("last_seen", seen.lastSeen());
            m.put("sensors", seen.sensors());
            m.put("securities", seen.securities());
            return m;
        }
    }

    private final FleetService fleet;
    private final FleetRepository repo;
    private final AuditRepository audit;
    private final Clock clock;

    public FleetChanges(FleetService fleet, AuditRepository audit, Clock clock) {
        this.fleet = fleet;
        this.repo = fleet.repository();
        this.audit = audit;
        this.clock = clock;
    }

    public FleetService fleet() { return fleet; }

    /** Saves {@code doc}; {@code fieldPrefix} is put before the JSON path of a refused field (e.g. {@code document.}). */
    public Saved save(Actor who, FleetDocument doc, OptionalInt base, Optional<String> comment, String fieldPrefix)
            throws SQLException, FleetRepository.StaleBase {
        return commit(who, doc, base, comment, OptionalInt.empty(), "fleet.config.save", fieldPrefix);
    }

    /** Saves an earlier version's document as a new version (checked again by today's rules). */
    public Saved rollback(Actor who, int version, OptionalInt base, Optional<String> comment)
            throws SQLException, FleetRepository.StaleBase {
        FleetVersion target = repo.version(version)
                .orElseThrow(() -> new InvalidMessageException("version", "no configuration version " + version));
        return commit(who, target.document(), base, Optional.of(comment.orElse("rollback to version " + version)),
                OptionalInt.of(version), "fleet.config.rollback", "");
    }

    /** Adds the named learnt networks to the monitored networks. */
    public Saved approve(Actor who, List<String> ssids, int steadyDays, OptionalInt base, Optional<String> comment)
            throws SQLException, FleetRepository.StaleBase {
        if (ssids.isEmpty() || ssids.size() > FleetDocument.MAX_NETWORKS) {
            throw new InvalidMessageException("ssids", "name 1-" + FleetDocument.MAX_NETWORKS + " SSIDs");
        }
        FleetDocument doc = current();
        Map<String, Proposal> bySsid = new LinkedHashMap<>();
        for (Proposal p : proposals(doc, steadyDays)) bySsid.put(p.network().ssid(), p);
        List<MonitoredNetworkSpec> networks = new ArrayList<>(doc.monitoredNetworks());
        for (int i = 0; i < ssids.size(); i++) {
            String ssid = ssids.get(i);
            Proposal p = bySsid.get(ssid);
            if (p == null) throw new InvalidMessageException("ssids[" + i + "]", "no proposal for this SSID");
            networks.removeIf(n -> n.ssid().equals(ssid));
            networks.add(p.merged());
        }
        FleetDocument next = new FleetDocument(networks, doc.profiles(), doc.assignments());
        return commit(who, next, base, Optional.of(comment.orElse("approved learnt networks: "
                + String.join(", ", ssids.stream().map(WireText::visible).toList()))), OptionalInt.empty(),
                "fleet.proposals.approve", "");
    }

    /** The current document, the empty one before the first save. */
    public FleetDocument current() throws SQLException {
        return repo.current().map(FleetVersion::document).orElse(FleetDocument.EMPTY);
    }

    /**
     * Learn mode: SSIDs whose BSSIDs have been heard for {@code steadyDays} and still are (within
     * a day), as new monitored networks, or as BSSIDs to add to a monitored network that lists its
     * BSSIDs. Networks a monitored entry already covers are not proposed.
     */
    public List<Proposal> proposals(FleetDocument doc, int steadyDays) throws SQLException {
        if (steadyDays < 1 || steadyDays > 90) throw new InvalidMessageException("steady_days", "must be 1-90");
        Map<String, MonitoredNetworkSpec> monitored = new HashMap<>();
        for (MonitoredNetworkSpec n : doc.monitoredNetworks()) monitored.put(n.ssid(), n);
        List<Proposal> out = new ArrayList<>();
        for (LearnedNetwork l : repo.learned(clock.instant(), Duration.ofDays(steadyDays), Duration.ofDays(1), 500)) {
            List<String> bssids = l.bssids().stream().limit(MonitoredNetworkSpec.MAX_BSSIDS).toList();
            String security = l.securities().size() == 1 ? l.securities().getFirst() : null;
            MonitoredNetworkSpec known = monitored.get(l.ssid());
            if (known == null) {
                var spec = new MonitoredNetworkSpec(l.ssid(), bssids, l.channels(), security);
                if (valid(spec)) out.add(new Proposal("new", spec, spec, l));
            } else if (!known.bssids().isEmpty() || !known.bssidRanges().isEmpty()) {
                Set<String> extra = new LinkedHashSet<>(bssids);
                extra.removeIf(known::authorizes);
                if (extra.isEmpty()) continue;
                Set<String> all = new LinkedHashSet<>(known.bssids());
                all.addAll(extra);
                Set<Integer> channels = new TreeSet<>(known.channels());
                if (!channels.isEmpty()) channels.addAll(l.channels());
                var merged = known.withBssids(all.stream().limit(MonitoredNetworkSpec.MAX_BSSIDS).toList(), List.copyOf(channels));
                var spec = new MonitoredNetworkSpec(l.ssid(), List.copyOf(extra), l.channels(), security);
                if (valid(merged)) out.add(new Proposal("extend", spec, merged, l));
            }
        }
        return out;
    }

    /** Every enrolled sensor against {@code current}, the newest version (read once by the caller). */
    public List<SensorDrift> drift(List<io.sentinel.store.sensor.Sensor> sensors, Optional<FleetVersion> current)
            throws SQLException {
        Map<String, io.sentinel.store.fleet.SensorConfigState> states = new HashMap<>();
        for (var s : repo.states()) states.put(s.sensorId(), s);
        List<SensorDrift> out = new ArrayList<>();
        for (var s : sensors) {
            var st = states.get(s.id());
            out.add(new SensorDrift(s.id(), s.location(), s.status().dbValue(),
                    current.map(v -> v.document().profileFor(s.id(), s.location().orElse(null))).orElse(FleetDocument.DEFAULT_PROFILE),
                    current.map(FleetVersion::version).orElse(0),
                    st == null ? OptionalInt.empty() : st.appliedVersion(),
                    st == null ? Optional.empty() : st.result(),
                    st == null ? OptionalInt.empty() : st.refusedVersion(),
                    st == null ? Optional.empty() : st.error(),
                    st == null ? Optional.empty() : Optional.of(st.reportedAt())));
        }
        return out;
    }

    /** One BSSID seen serving a monitored SSID, with what disagrees with the configuration (empty: as expected). */
    public record ObservedBssid(io.sentinel.store.fleet.ObservedBss seen, List<String> verdicts) {
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("bssid", seen.bssid());
            m.put("channel", seen.channel().orElse(null));
            m.put("security", seen.security().orElse(null));
            m.put("vendor", seen.vendor().orElse(null));
            m.put("first_seen", seen.firstSeen());
            m.put("last_seen", seen.lastSeen());
            m.put("sensors", seen.sensors());
            m.put("verdicts", verdicts);
            return m;
        }
    }

    /** A monitored network against the inventory. */
    public record ObservedNetwork(MonitoredNetworkSpec expected, List<ObservedBssid> observed, List<String> missingBssids) {
        public long deviating() { return observed.stream().filter(o -> !o.verdicts().isEmpty()).count(); }

        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ssid", expected.ssid());
            m.put("expected", expected);
            m.put("observed", observed.stream().map(ObservedBssid::toJson).toList());
            m.put("deviating", deviating());
            m.put("missing_bssids", missingBssids);
            return m;
        }
    }

    /**
     * Observed vs expected: for each monitored network, every BSSID the inventory has seen serving
     * its SSID with what disagrees with the configuration ({@code unexpected_bssid}: neither
     * listed nor in a range, {@code unexpected_channel}, {@code security_mismatch} by the label,
     * {@code unexpected_vendor}), and the expected BSSIDs not heard
     * within {@code recent} ({@code missing_bssids}).
     */
    public List<ObservedNetwork> observedVsExpected(FleetDocument doc, Duration recent) throws SQLException {
        List<String> ssids = doc.monitoredNetworks().stream().map(MonitoredNetworkSpec::ssid).toList();
        Map<String, List<io.sentinel.store.fleet.ObservedBss>> bySsid = new HashMap<>();
        for (var o : repo.observed(ssids, 20_000)) bySsid.computeIfAbsent(o.ssid(), k -> new ArrayList<>()).add(o);
        Instant since = clock.instant().minus(recent);
        List<ObservedNetwork> out = new ArrayList<>();
        for (MonitoredNetworkSpec n : doc.monitoredNetworks()) {
            List<ObservedBssid> observed = new ArrayList<>();
            Set<String> heard = new java.util.HashSet<>();
            for (var o : bySsid.getOrDefault(n.ssid(), List.of())) {
                List<String> verdicts = new ArrayList<>();
                if (!n.authorizes(o.bssid())) verdicts.add("unexpected_bssid");
                if (!n.channels().isEmpty() && o.channel().isPresent() && !n.channels().contains(o.channel().get())) {
                    verdicts.add("unexpected_channel");
                }
                if (n.security() != null && o.security().isPresent() && !n.security().equalsIgnoreCase(o.security().get())) {
                    verdicts.add("security_mismatch");
                }
                if (!n.vendors().isEmpty() && o.vendor().isPresent()
                        && n.vendors().stream().noneMatch(v -> v.equalsIgnoreCase(o.vendor().get()))) {
                    verdicts.add("unexpected_vendor");
                }
                if (!o.lastSeen().isBefore(since)) heard.add(o.bssid());
                observed.add(new ObservedBssid(o, List.copyOf(verdicts)));
            }
            out.add(new ObservedNetwork(n, observed, n.bssids().stream().filter(b -> !heard.contains(b)).toList()));
        }
        return out;
    }

    /** Changes of a version against the one before it. */
    public List<Map<String, Object>> changesOf(FleetVersion v) throws SQLException {
        JsonNode previous = v.version() == 1 ? null : repo.version(v.version() - 1).map(p -> tree(p.document())).orElse(null);
        return JsonDiff.between(previous, tree(v.document()), MAX_DIFF).stream().map(JsonDiff.Change::toJson).toList();
    }

    private Saved commit(Actor who, FleetDocument doc, OptionalInt base, Optional<String> comment, OptionalInt rollbackOf,
                         String action, String fieldPrefix) throws SQLException, FleetRepository.StaleBase {
        try {
            doc.validate(fleet.check());
        } catch (InvalidMessageException e) {
            throw new InvalidMessageException(e.reason(), fieldPrefix + e.field(), stripField(e));
        }
        WireText.require("comment", comment.orElse(null), 1000);
        Instant at = clock.instant();
        int version;
        List<Map<String, Object>> changes;
        try (Connection c = repo.connection()) {
            c.setAutoCommit(false);
            try {
                Optional<FleetVersion> before = repo.current();
                version = repo.save(c, doc, base, who.name(), comment, rollbackOf, at);
                changes = JsonDiff.between(before.map(v -> tree(v.document())).orElse(null), tree(doc), MAX_DIFF)
                        .stream().map(JsonDiff.Change::toJson).toList();
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("version", version);
                detail.put("base_version", before.map(FleetVersion::version).orElse(0));
                rollbackOf.ifPresent(r -> detail.put("rollback_of", r));
                comment.ifPresent(s -> detail.put("comment", s));
                detail.put("changes", changes);
                audit.record(c, at, who.name(), action, Optional.of("fleet/" + version), Optional.ofNullable(who.clientIp()), detail);
                c.commit();
            } catch (SQLException | RuntimeException | FleetRepository.StaleBase e) {
                c.rollback();
                throw e;
            }
        }
        fleet.saved();
        return new Saved(version, at, who.name(), comment.orElse(null), changes);
    }

    private static String stripField(InvalidMessageException e) {
        String m = e.getMessage();
        String prefix = e.field() + ": ";
        return !e.field().isEmpty() && m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    private boolean valid(MonitoredNetworkSpec spec) {
        try {
            spec.validate("network", fleet.check());
            return true;
        } catch (InvalidMessageException e) {
            return false;
        }
    }

    static JsonNode tree(FleetDocument doc) {
        return Wire.mapper().valueToTree(doc);
    }
}
