package io.sentinel.protocol.fleet;

/**
 * Judges the settings of a fleet profile by the sensor's catalogue. One detection setting by the
 * detectors' own names: {@code section}
 * is {@code engine} or a detector name, {@code name} its parameter (or {@code enabled}). The
 * controller cannot know the detector catalogue (it does not depend on {@code detect}); the
 * program that wires it ({@code sentinel controller}, {@code sentinel up}) passes the
 * catalogue's check, and a sensor uses the same one before it applies a configuration.
 */
@FunctionalInterface
public interface SettingsCheck {

    /**
     * @throws IllegalArgumentException saying why {@code section.name = value} is not a setting
     *     (unknown detector or parameter, wrong type, out of range)
     */
    void check(String section, String name, Object value);

    /**
     * Judges a channel plan in the sensor's {@code --channels} notation ({@code 1,6,11;5:36,149;6:37}).
     *
     * @throws IllegalArgumentException saying why it is not a plan
     */
    default void checkChannelPlan(String plan) {
        if (plan.isBlank()) throw new IllegalArgumentException("empty channel plan");
    }

    /** What a name in a monitored network stands for. */
    enum Kind { AKM, CIPHER, VENDOR }

    /**
     * Judges a name of a monitored network: an AKM ({@code psk}, {@code sae}), a cipher
     * ({@code ccmp}) or a vendor as the IEEE registry spells it. Without the sensor's catalogue
     * every name of the right form passes.
     *
     * @throws IllegalArgumentException saying why it is not one
     */
    default void checkName(Kind kind, String name) { }
}
