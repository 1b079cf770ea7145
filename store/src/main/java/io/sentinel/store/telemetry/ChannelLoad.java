package io.sentinel.store.telemetry;

/** How busy one channel was in a period: devices and frames heard there, networks using it. */
public record ChannelLoad(int channel, long devices, long networks, long frames) {}
