package io.sentinel.app.sensor;

import io.sentinel.sensor.SensorSettings;
import io.sentinel.sensor.radio.Channel;
import io.sentinel.sensor.radio.HopOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What {@code sentinel sensor} runs, as plain values: built by the command from its options
 * ({@code SensorCommand#plan()}), run by {@link SensorLauncher}, which knows nothing of picocli.
 *
 * @param settings     the runtime's settings (identity, controller, spool, uplink, evidence, ...)
 * @param source       a capture file to replay or an interface to capture from
 * @param drainTimeout how long delivery may take at the end
 */
public record SensorPlan(SensorSettings settings, Source source, Duration drainTimeout) {

    /** Where frames come from. */
    public sealed interface Source permits Replay, Live {}

    /** Replay a capture file: {@code speed} 0 = as fast as possible. */
    public record Replay(Path pcap, double speed, int loops) implements Source {}

    /**
     * Capture from an interface.
     *
     * @param filter           libpcap filter, if any
     * @param setUpMonitorMode put the interface in monitor mode (and restore it on exit)
     * @param hopping          the channel plan and hop timing; empty = leave the radio alone
     */
    public record Live(String iface, int snaplen, Optional<String> filter, boolean setUpMonitorMode, Optional<Hopping> hopping)
            implements Source {}

    /** Channels to visit (one channel: tune once and stay) and how. */
    public record Hopping(List<Channel> channels, HopOptions options) {
        public Hopping {
            channels = List.copyOf(channels);
        }
    }
}
