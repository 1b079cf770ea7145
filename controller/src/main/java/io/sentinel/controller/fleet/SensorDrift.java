package io.sentinel.controller.fleet;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One sensor against the fleet configuration: the profile it should run, the version it runs
 * and the current one, and its last refusal.
 */
public record SensorDrift(String sensorId, Optional<String> site, String status, String profile, int currentVersion,
                          OptionalInt appliedVersion, Optional<String> result, OptionalInt refusedVersion,
                          Optional<String> error, Optional<Instant> reportedAt) {

    /** True when there is nothing to run yet or the sensor runs the current version. */
    public boolean inSync() {
        return currentVersion == 0 || (appliedVersion.isPresent() && appliedVersion.getAsInt() == currentVersion);
    }

    /** A sentence for people: "runs version 6 of 7", "refused version 7: ...". */
    public String describe() {
        if (currentVersion == 0) return "no fleet configuration yet";
        String runs = appliedVersion.isPresent() ? "runs version " + appliedVersion.getAsInt() + " of " + currentVersion
                : reportedAt.isPresent() ? "runs no fleet version (of " + currentVersion + ")" : "has not asked for its configuration";
        if (inSync()) return "runs version " + currentVersion + " (current)";
        if (refusedVersion.isPresent() && "refused".equals(result.orElse(""))) {
            return runs + "; refused version " + refusedVersion.getAsInt() + ": " + error.orElse("no reason given");
        }
        return runs;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sensor_id", sensorId);
        m.put("site", site.orElse(null));
        m.put("status", status);
        m.put("profile", profile);
        m.put("current_version", currentVersion);
        m.put("applied_version", appliedVersion.isPresent() ? appliedVersion.getAsInt() : null);
        m.put("in_sync", inSync());
        m.put("result", result.orElse(null));
        m.put("refused_version", refusedVersion.isPresent() ? refusedVersion.getAsInt() : null);
        m.put("error", error.orElse(null));
        m.put("reported_at", reportedAt.orElse(null));
        m.put("summary", describe());
        return m;
    }
}
