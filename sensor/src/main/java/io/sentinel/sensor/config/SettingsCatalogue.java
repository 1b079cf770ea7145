package io.sentinel.sensor.config;

import io.sentinel.detect.DetectionConfig;
import io.sentinel.protocol.fleet.SettingsCheck;
import io.sentinel.sensor.radio.ChannelPlan;

/**
 * The sensor's judgement of fleet settings: detection settings exactly as the sensor's detection
 * file accepts them ({@link DetectionConfig#with}) and channel plans exactly as {@code --channels}
 * does ({@link ChannelPlan#parse}), so that the controller refuses on save what a sensor would
 * refuse on apply.
 */
public final class SettingsCatalogue implements SettingsCheck {

    public static final SettingsCatalogue INSTANCE = new SettingsCatalogue();

    private SettingsCatalogue() {}

    @Override
    public void check(String section, String name, Object value) {
        DetectionConfig.defaults().with(section + "." + name, value);
    }

    @Override
    public void checkChannelPlan(String plan) {
        ChannelPlan.parse(plan);
    }
}
