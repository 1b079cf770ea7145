package io.sentinel.protocol.wire;

/**
 * A body a sensor POSTs: a telemetry batch, an alert batch, a heartbeat or a configuration report. Once
 * {@link #validate()} passed, every value of it can be stored as it is (see {@link Ranges},
 * {@link WireText}, {@link Ssid}).
 */
public sealed interface SensorRequest extends WireMessage permits TelemetryBatch, AlertBatch, Heartbeat, ConfigReport {

    /** The sensor that says it sent this (the controller checks it against the signature). */
    String sensorId();

    /** Checks every value; throws {@link InvalidMessageException} naming the first offending field. */
    void validate();
}
