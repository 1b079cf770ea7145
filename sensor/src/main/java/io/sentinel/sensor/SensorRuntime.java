package io.sentinel.sensor;

import io.sentinel.protocol.wire.Heartbeat;
import io.sentinel.protocol.wire.Wire;
import io.sentinel.sensor.capture.LiveOptions;
import io.sentinel.sensor.capture.PcapException;
import io.sentinel.sensor.capture.PcapHandle;
import io.sentinel.sensor.evidence.DirectoryEvidenceOutput;
import io.sentinel.sensor.evidence.EvidenceOptions;
import io.sentinel.sensor.telemetry.PrivacyOptions;
import io.sentinel.sensor.evidence.EvidenceRecorder;
import io.sentinel.sensor.evidence.SpoolEvidenceOutput;
import io.sentinel.sensor.outbox.Outbox;
import io.sentinel.sensor.outbox.SpoolOutbox;
import io.sentinel.sensor.outbox.StdoutOutbox;
import io.sentinel.detect.DetectionConfig;
import io.sentinel.protocol.fleet.Profile;
import io.sentinel.protocol.fleet.SensorConfig;
import io.sentinel.sensor.config.FleetConfigAgent;
import io.sentinel.sensor.config.FleetProfile;
import io.sentinel.sensor.radio.Channel;
import io.sentinel.sensor.radio.ChannelPlan;
import io.sentinel.sensor.radio.HopOptions;
import io.sentinel.sensor.pipeline.SensorCounters;
import io.sentinel.sensor.pipeline.SensorPipeline;
import io.sentinel.sensor.radio.ChannelCoverage;
import io.sentinel.sensor.radio.ChannelHopper;
import io.sentinel.sensor.spool.BatchWriter;
import io.sentinel.sensor.spool.FsyncPolicy;
import io.sentinel.sensor.spool.SpoolOptions;
import io.sentinel.sensor.spool.SpoolRecovery;
import io.sentinel.sensor.spool.TelemetrySpool;
import io.sentinel.sensor.state.SensorState;
import io.sentinel.sensor.telemetry.MacPseudonymizer;
import io.sentinel.sensor.uplink.ControllerClient;
import io.sentinel.sensor.uplink.Uplink;
import io.sentinel.wifi.capture.CaptureFormatException;
import io.sentinel.wifi.capture.CaptureReader;
import io.sentinel.wifi.capture.CaptureRecord;
import io.sentinel.wifi.capture.MutableCaptureRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running sensor: capture source -> {@link SensorPipeline} (decode, detect, aggregate) ->
 * {@link TelemetrySpool} -> {@link Uplink} to the controller, plus heartbeats.
 *
 * <h2>Replaying a capture into a controller (what {@code sentinel up} does)</h2>
 * <pre>{@code
 * ReplaySummary s = SensorRuntime.replay(Path.of("sample.pcapng"), URI.create("http://127.0.0.1:5000"),
 *         "demo-sensor", keyBytes, ReplayOptions.asFastAsPossible());
 * }</pre>
 * {@link #replay} blocks until the file is played and the spool delivered (or the drain timeout
 * passed); the spool lives in a temporary directory deleted afterwards. The sensor must be
 * enrolled on that controller and {@code keyBytes} is the key the enrolment returned.
 *
 * <h2>Long-running use</h2>
 * <pre>{@code
 * try (SensorRuntime rt = SensorRuntime.open(settings)) {
 *     rt.replay(pcap, options, stopFlag);   // or rt.runLive(liveOptions, hopper, stopFlag)
 * }                                         // close(): last interval, alerts, delivery wait
 * }</pre>
 *
 * Not thread-safe: one capture loop per runtime; {@link #requestStop()} may be called from any
 * thread (a shutdown hook).
 */
public final class SensorRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SensorRuntime.class);

    private final SensorSettings settings;
    private final SensorCounters counters = new SensorCounters();
    private final ChannelCoverage coverage = new ChannelCoverage();
    /** The spools and uplinks of a sensor with a controller; empty in local mode. */
    private final Optional<Delivery> delivery;
    /** Where the pipeline's results go: the spools, or stdout and an evidence directory. */
    private final Outbox outbox;
    private final Optional<MacPseudonymizer> pseudonymizer;
    /** Keeps the sensor on the fleet configuration the controller names (with a controller only). */
    private final Optional<FleetConfigAgent> fleet;
    /** The detection configuration in effect: the local one, or the fleet's once one applied. */
    private volatile DetectionConfig detection;
    /** Privacy and evidence settings in effect: the local ones with the fleet profile's over them. */
    private volatile PrivacyOptions privacy;
    private volatile EvidenceOptions evidence;
    /** The fleet configuration in effect, null while the sensor runs its local settings only. */
    private volatile SensorConfig fleetConfig;
    private final long startedMillis = System.currentTimeMillis();
    private volatile boolean stop;
    private volatile PcapHandle activeCapture;
    private volatile List<ChannelCoverage.Entry> lastHeartbeatCoverage = List.of();
    /** What heartbeats say the sensor captures from (Heartbeat.CAPTURE_*); null before any capture. */
    private volatile String capture;
    private SensorPipeline pipeline;
    /** The hopper of a live capture, told of new channel plans; empty before one or for a replay. */
    private volatile Optional<ChannelHopper> hopper = Optional.empty();
    private Duration drainOnClose = Duration.ofSeconds(10);
    private boolean closed;

    /**
     * Telemetry spool and uplink (with heartbeats), and the evidence spool with its own uplink
     * (no heartbeats) when evidence is on. Closed by the runtime.
     */
    private record Delivery(TelemetrySpool spool, Uplink uplink, Optional<TelemetrySpool> evidenceSpool,
            Optional<Uplink> evidenceUplink) {

        /** Waits for both spools within one deadline; returns whether both are empty. */
        boolean awaitDrained(Duration timeout, boolean heartbeatWhenDrained) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            boolean telemetry = uplink.awaitDrained(timeout);
            if (telemetry && heartbeatWhenDrained) uplink.sendHeartbeat(); // the final counters, when the controller is reachable
            boolean evidence = true;
            if (evidenceUplink.isPresent())
                evidence = evidenceUplink.get().awaitDrained(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            return telemetry && evidence;
        }

        void close() throws IOException, InterruptedException {
            try {
                uplink.close();
                if (evidenceUplink.isPresent()) evidenceUplink.get().close();
            } finally {
                try {
                    spool.close();
                } finally {
                    if (evidenceSpool.isPresent()) evidenceSpool.get().close();
                }
            }
        }
    }

    private SensorRuntime(SensorSettings settings, PrintStream alertStream) throws IOException {
        this.settings = settings;
        this.detection = settings.detection();
        this.privacy = settings.privacy();
        this.evidence = settings.evidence();
        SensorState state = SensorState.open(settings.stateDir());
        // always at hand: a fleet profile may switch pseudonymisation on while the sensor runs
        this.pseudonymizer = Optional.of(new MacPseudonymizer(state.privacyKey()));
        if (settings.controller().isPresent()) {
            TelemetrySpool spool = TelemetrySpool.open(state.spoolDirectory(), settings.spool());
            SpoolRecovery r = spool.recovery();
            if (!r.clean()) {
                for (SpoolRecovery.Damage d : r.damage()) LOG.warn("spool repaired: {}", d);
                if (r.committedNote() != null) LOG.warn("spool: {}", r.committedNote());
            }
            ControllerClient client = new ControllerClient(settings.controller().get(), settings.sensorId(), settings.key(),
                    Duration.ofSeconds(30), Clock.systemUTC());
            Uplink uplink = new Uplink(spool, client, settings.uplink(), this::heartbeatBody, Clock.systemUTC());
            Optional<TelemetrySpool> evidenceSpool = Optional.empty();
            Optional<Uplink> evidenceUplink = Optional.empty();
            if (settings.evidence().enabled()) {
                TelemetrySpool es = TelemetrySpool.open(state.evidenceSpoolDirectory(), evidenceSpoolOptions(settings.evidence()));
                evidenceSpool = Optional.of(es);
                evidenceUplink = Optional.of(new Uplink(es, client, settings.uplink().withHeartbeatInterval(Duration.ZERO),
                        () -> new byte[0], Clock.systemUTC()));
            }
            this.delivery = Optional.of(new Delivery(spool, uplink, evidenceSpool, evidenceUplink));
            this.outbox = new SpoolOutbox(new BatchWriter(spool, settings.sensorId()), evidenceSpool.map(SpoolEvidenceOutput::new),
                    counters);
            FleetConfigAgent agent = new FleetConfigAgent(client, settings.stateDir(), settings.detection(), this::applyFleet);
            this.fleet = Optional.of(agent);
            agent.startFromLastGood(); // the controller may be away: start from the last configuration that worked
            uplink.onConfigVersion(agent::onVersion);
            uplink.start();
            evidenceUplink.ifPresent(Uplink::start);
        } else {
            this.delivery = Optional.empty();
            this.fleet = Optional.empty();
            Optional<DirectoryEvidenceOutput> dir = Optional.empty();
            if (settings.evidence().enabled() && settings.evidenceDir().isPresent())
                dir = Optional.of(new DirectoryEvidenceOutput(settings.evidenceDir().get()));
            this.outbox = new StdoutOutbox(alertStream, dir);
        }
    }

    /** The evidence spool holds at most the evidence disk bound; each file is forced to disk when written. */
    private static SpoolOptions evidenceSpoolOptions(EvidenceOptions e) {
        long segment = Math.min(EvidenceOptions.MAX_FILE_BYTES + 4096, e.maxDiskBytes() / 2);
        return new SpoolOptions(segment, e.maxDiskBytes(), FsyncPolicy.ALWAYS, Duration.ofSeconds(1));
    }

    /**
     * A fleet configuration checked by the agent: detection switches at the next frame, the
     * hopper (live capture) to the profile's channel plan and dwell bounds at its next hop.
     */
    private void applyFleet(SensorConfig config, DetectionConfig d) {
        detection = d;
        fleetConfig = config;
        privacy = FleetProfile.privacy(settings.privacy(), config);
        evidence = FleetProfile.evidence(settings.evidence(), config);
        SensorPipeline p = pipeline;
        if (p != null) p.reconfigure(new SensorPipeline.Reconfiguration(d, privacy, evidence));
        hopper.ifPresent(h -> applyChannels(config, h));
    }

    private static void applyChannels(SensorConfig config, ChannelHopper h) {
        Profile.ChannelPlan plan = config == null ? null : config.settings().channels();
        if (plan == null) return;
        HopOptions o = h.options();
        Duration min = plan.minDwellMs() == null ? o.minDwell() : Duration.ofMillis(plan.minDwellMs());
        Duration max = plan.maxDwellMs() == null ? o.maxDwell() : Duration.ofMillis(plan.maxDwellMs());
        if (min.compareTo(max) > 0) {
            if (plan.minDwellMs() == null) min = max; else max = min;
        }
        Duration dwell = o.dwell().compareTo(min) < 0 ? min : o.dwell().compareTo(max) > 0 ? max : o.dwell();
        List<Channel> channels = plan.plan() == null ? h.scheduler().channels() : ChannelPlan.parse(plan.plan());
        h.replan(channels, new HopOptions(dwell, o.settle(), o.adaptive(), min, max, o.memory()));
    }

    /** The fleet configuration agent (with a controller only). */
    public Optional<FleetConfigAgent> fleet() { return fleet; }

    /** Opens the state directory and spool and starts the uplink (alerts go to stdout without a controller). */
    public static SensorRuntime open(SensorSettings settings) throws IOException {
        return new SensorRuntime(settings, System.out);
    }

    public static SensorRuntime open(SensorSettings settings, PrintStream alertStream) throws IOException {
        return new SensorRuntime(settings, alertStream);
    }

    /**
     * Replays a capture into a controller and waits for delivery. The sensor {@code sensorId}
     * must be enrolled there with {@code key}. Used by {@code sentinel up} for its sample data.
     */
    public static ReplaySummary replay(Path pcap, URI controller, String sensorId, byte[] key, ReplayOptions options)
            throws IOException, CaptureFormatException, InterruptedException {
        Path state = Files.createTempDirectory("sentinel-replay-");
        try {
            SensorSettings s = SensorSettings.of(sensorId, controller, key, state)
                    .withUplink(io.sentinel.sensor.uplink.UplinkOptions.defaults().withHeartbeatInterval(Duration.ofSeconds(5)));
            try (SensorRuntime rt = open(s)) {
                rt.drainOnClose(options.drainTimeout());
                ReplaySummary r = rt.replay(pcap, options, () -> false);
                rt.awaitDelivered(options.drainTimeout());
                return new ReplaySummary(r.frames(), r.alertsOpened(), r.alertSnapshots(), r.telemetryItems(),
                        rt.delivery.map(d -> d.spool().pendingRecords()).orElse(0L), r.wallMillis());
            }
        } finally {
            deleteTree(state);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /** How long {@link #close()} waits for the spool to be delivered. */
    public void drainOnClose(Duration d) { this.drainOnClose = d; }

    private SensorPipeline pipeline(Optional<ChannelHopper> hopper, String captureInterface) {
        if (pipeline == null) {
            // built with the local settings (they decide whether evidence can be recorded at all), then the fleet's
            EvidenceRecorder recorder = outbox.takesEvidence()
                    ? new EvidenceRecorder(settings.evidence(), settings.sensorId(), captureInterface, "sentinel " + settings.version(),
                            outbox::evidence)
                    : EvidenceRecorder.none();
            if (outbox.takesEvidence()) recorder.reconfigure(evidence);
            pipeline = new SensorPipeline(detection, settings.interval().toNanos(), settings.maxDevices(),
                    privacy, pseudonymizer, outbox, counters, coverage, hopper, recorder);
        }
        return pipeline;
    }

    /** What the evidence recorder did (zeros before any capture). */
    public EvidenceRecorder.Stats evidenceStats() {
        return pipeline == null ? new EvidenceRecorder.Stats(0, 0, 0, 0, 0) : pipeline.evidence().stats();
    }

    public Optional<TelemetrySpool> evidenceSpool() { return delivery.flatMap(Delivery::evidenceSpool); }

    public Optional<Uplink> evidenceUplink() { return delivery.flatMap(Delivery::evidenceUplink); }

    /**
     * Plays a capture file through the pipeline, paced by its timestamps ({@link ReplayOptions#speed()}),
     * possibly several times. Returns when done or when {@code stopRequested} says so.
     */
    public ReplaySummary replay(Path pcap, ReplayOptions options, BooleanSupplier stopRequested)
            throws IOException, CaptureFormatException {
        long wallStart = System.nanoTime();
        capture = Heartbeat.CAPTURE_REPLAY;
        SensorPipeline p = pipeline(Optional.empty(), pcap.getFileName().toString());
        MutableCaptureRecord shifted = new MutableCaptureRecord();
        long offset = 0, recordBase = 0;
        long firstTs = Long.MIN_VALUE, paceWall = 0;
        outer:
        for (int pass = 0; pass < options.loops(); pass++) {
            long lastTs = Long.MIN_VALUE, passFirst = Long.MIN_VALUE, records = 0;
            try (CaptureReader reader = CaptureReader.open(pcap)) {
                while (reader.next()) {
                    if (stop || stopRequested.getAsBoolean()) break outer;
                    CaptureRecord r = reader.record();
                    long ts = r.timestampNanos() + offset;
                    if (passFirst == Long.MIN_VALUE) passFirst = r.timestampNanos();
                    lastTs = Math.max(lastTs, r.timestampNanos());
                    records = r.recordNumber();
                    if (firstTs == Long.MIN_VALUE) {
                        firstTs = ts;
                        paceWall = System.nanoTime();
                    }
                    if (options.speed() > 0) pace(p, ts, firstTs, paceWall, options.speed());
                    shifted.set(recordBase + r.recordNumber(), ts, r.linkType(), r.interfaceId(), r.segment(), r.dataOffset(),
                            r.capturedLength(), r.originalLength(), r.fcsLength());
                    p.accept(shifted);
                }
                if (reader.endProblem() != null) LOG.warn(pcap + ": " + reader.endProblem());
            }
            if (passFirst == Long.MIN_VALUE) break; // empty capture
            offset += lastTs - passFirst + 1_000_000_000L; // the next pass starts one second after this one ended
            recordBase += records;
        }
        p.finish();
        capture = Heartbeat.CAPTURE_REPLAY_FINISHED;
        long wall = (System.nanoTime() - wallStart) / 1_000_000;
        return summary(wall);
    }

    /** Sleeps until the wall clock reaches the frame's place in the capture (scaled by speed). */
    private void pace(SensorPipeline p, long ts, long firstTs, long paceWall, double speed) {
        long due = paceWall + (long) ((ts - firstTs) / speed);
        long ahead = due - System.nanoTime();
        if (ahead < 1_000_000) return; // sleep in steps of at least a millisecond
        if (ahead > 50_000_000) p.idle(ts - (long) (ahead * speed)); // a long gap: let alerts out meanwhile
        while ((ahead = due - System.nanoTime()) > 0 && !stop) LockSupport.parkNanos(Math.min(ahead, 100_000_000));
    }

    /**
     * Captures from a live interface until stopped: libpcap via FFM, optional BPF filter,
     * kernel drop counters read every second, the hopper (if any) told about every frame.
     */
    public void runLive(LiveOptions live, String bpfFilter, ChannelHopper hopper, BooleanSupplier stopRequested)
            throws PcapException {
        this.hopper = Optional.ofNullable(hopper);
        if (hopper != null) applyChannels(fleetConfig, hopper); // a configuration applied before the capture started
        capture = Heartbeat.CAPTURE_LIVE;
        SensorPipeline p = pipeline(Optional.ofNullable(hopper), live.iface());
        try (PcapHandle h = PcapHandle.openLive(live)) {
            activeCapture = h;
            if (h.linkType() != 127 && !h.setDatalink(127))
                LOG.warn(live.iface() + " delivers link type " + h.linkType()
                        + ", not radiotap (127): is it in monitor mode? Frames will be counted as unsupported.");
            if (bpfFilter != null && !bpfFilter.isBlank()) h.setFilter(bpfFilter);
            if (hopper != null) hopper.start();
            long nextStats = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (!stop && !stopRequested.getAsBoolean()) {
                int rc = h.next();
                if (rc == PcapHandle.PACKET) {
                    p.accept(h.record());
                } else if (rc == PcapHandle.TIMEOUT) {
                    p.idle(System.currentTimeMillis() * 1_000_000L);
                } else if (rc == PcapHandle.END) {
                    break;
                } else {
                    throw new PcapException(live.iface() + ": capture failed: " + h.lastError(), rc);
                }
                if (System.nanoTime() >= nextStats) {
                    nextStats = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                    try {
                        var st = h.stats();
                        counters.kernelDropped.set(st.dropped() + st.interfaceDropped());
                    } catch (PcapException e) {
                        // some capture types keep no statistics
                    }
                }
            }
        } finally {
            activeCapture = null;
            if (hopper != null) {
                try {
                    hopper.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            p.finish();
        }
    }

    /** Asks the capture loop to end (safe from any thread, e.g. a shutdown hook). */
    public void requestStop() {
        stop = true;
        PcapHandle h = activeCapture;
        if (h != null) h.breakLoop(); // a blocked pcap_next_ex returns at once
    }

    /** The heartbeat body: health since start, coverage since the previous heartbeat. */
    byte[] heartbeatBody() {
        List<ChannelCoverage.Entry> now = coverage.snapshot();
        List<ChannelCoverage.Entry> delta = ChannelCoverage.delta(now, lastHeartbeatCoverage);
        lastHeartbeatCoverage = now;
        Long offset = null;
        Optional<Uplink> uplink = delivery.map(Delivery::uplink);
        if (uplink.isPresent() && uplink.get().client().clockOffsetKnown()) offset = -uplink.get().client().clockOffsetMillis();
        Optional<TelemetrySpool> spool = delivery.map(Delivery::spool);
        Heartbeat hb = new Heartbeat(settings.sensorId(), Clock.systemUTC().instant(), settings.version(),
                (System.currentTimeMillis() - startedMillis) / 1000, counters.captured.get(), counters.decoded.get(),
                counters.dropped(),
                delta.stream().filter(e -> e.channel() > 0 && e.channel() <= 300).limit(256)
                        .map(e -> new Heartbeat.ChannelCoverage(e.channel(), e.listenMillis(), e.frames())).toList(),
                spool.map(TelemetrySpool::pendingRecords).orElse(0L),
                spool.map(sp -> sp.oldestPendingAgeMillis() / 1000.0).orElse(0.0), offset, capture);
        return Wire.write(hb);
    }

    private ReplaySummary summary(long wallMillis) {
        return new ReplaySummary(counters.captured.get(), counters.alertsOpened.get(), counters.alertSnapshots.get(),
                counters.telemetryItems.get(), delivery.map(d -> d.spool().pendingRecords()).orElse(0L), wallMillis);
    }

    public SensorCounters counters() { return counters; }

    public ChannelCoverage coverage() { return coverage; }

    public Optional<TelemetrySpool> spool() { return delivery.map(Delivery::spool); }

    public Optional<Uplink> uplink() { return delivery.map(Delivery::uplink); }

    public SensorSettings settings() { return settings; }

    /** Waits for the spool to be delivered, up to the timeout; returns whether it is empty. */
    public boolean awaitDelivered(Duration timeout) throws InterruptedException {
        return delivery.isEmpty() || delivery.get().awaitDrained(timeout, false);
    }

    /** Sends what is waiting, waits up to the drain timeout for delivery, stops the uplink, closes the spool. */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        if (delivery.isEmpty()) return;
        try {
            delivery.get().awaitDrained(drainOnClose, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                delivery.get().close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
