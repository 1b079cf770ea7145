package io.sentinel.sensor.radio;

/** The 802.11 bands a sensor can listen on. */
public enum Band {
    GHZ_2_4("2.4"), GHZ_5("5"), GHZ_6("6");

    private final String label;

    Band(String label) { this.label = label; }

    public String label() { return label; }
}
