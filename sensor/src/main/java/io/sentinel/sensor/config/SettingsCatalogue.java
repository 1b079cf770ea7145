package io.sentinel.sensor.config;

import io.sentinel.detect.DetectionConfig;
import io.sentinel.detect.MonitoredNetwork;
import io.sentinel.wifi.SuiteNames;
import java.util.List;
import io.sentinel.protocol.fleet.SettingsCheck;
import io.sentinel.sensor.radio.ChannelPlan;

/**
 * The sensor's judgement of fleet settings: detection settings exactly as the sensor's detection
 * file accepts them ({@link DetectionConfig#with}) and channel plans exactly as {@code --channels}
 * does ({@link ChannelPlan#parse}), suite and vendor names of monitored networks as the
 * detectors read them ({@link SuiteNames}, the IEEE registry), so that the controller refuses on save what a sensor would
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

    @Override
    public void checkName(Kind kind, String name) {
        switch (kind) {
            case AKM -> SuiteNames.akmBits(List.of(name));
            case CIPHER -> SuiteNames.cipherBits(List.of(name));
            case VENDOR -> MonitoredNetwork.requireVendor(name);
        }
    }
}
