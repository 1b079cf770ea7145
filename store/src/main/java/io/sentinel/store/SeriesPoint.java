package io.sentinel.store;

import java.time.Instant;

/**
 * One value of a time series as the read repositories return it for charts: the start of its
 * time bucket (aligned with {@code date_bin} to whole buckets since 2000-01-01 UTC), the series it
 * belongs to (a severity, a sensor, a frame subtype, ...) and the value.
 */
public record SeriesPoint(Instant bucket, String series, double value) {}
