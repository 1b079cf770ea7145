package io.sentinel.protocol.wire;

/**
 * Every message of the sensor protocol, in both directions: what a sensor sends
 * ({@link SensorRequest}) and what the controller answers ({@link ControllerAnswer}). All of
 * them are read and written by {@link Wire} only.
 */
public sealed interface WireMessage permits SensorRequest, ControllerAnswer {}
