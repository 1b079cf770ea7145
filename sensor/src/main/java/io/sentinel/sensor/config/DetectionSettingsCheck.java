package io.sentinel.sensor.config;

import io.sentinel.detect.DetectionConfig;
import io.sentinel.protocol.fleet.SettingsCheck;

/**
 * The detector catalogue's judgement of one fleet detection setting: exactly what the sensor's
 * detection file accepts ({@link DetectionConfig#with}), so that the controller refuses on save
 * what a sensor would refuse on apply.
 */
public final class DetectionSettingsCheck implements SettingsCheck {

    public static final DetectionSettingsCheck INSTANCE = new DetectionSettingsCheck();

    private DetectionSettingsCheck() {}

    @Override
    public void check(String section, String name, Object value) {
        if (value instanceof String) throw new IllegalArgumentException("must be a number or true/false, not text");
        DetectionConfig.defaults().with(section + "." + name, value);
    }
}
