package io.sentinel.wifi.radio;

/**
 * Converts between channel numbers and centre frequencies (MHz) for the 2.4 GHz, 4.9 GHz
 * (public safety / Japan), 5 GHz and 6 GHz bands, following the channel starting
 * frequencies of IEEE 802.11 Annex E.
 */
public final class Channels {
    private Channels() {}

    /** The frequency bands Sentinel knows. */
    public enum Band { GHZ_2_4, GHZ_4_9, GHZ_5, GHZ_6 }

    /** Channel number for a frequency, or -1 when the frequency is on no channel of these bands. */
    public static int channel(int freqMhz) {
        if (freqMhz == 2484) return 14;
        if (freqMhz >= 2412 && freqMhz <= 2472) return (freqMhz - 2407) % 5 == 0 ? (freqMhz - 2407) / 5 : -1;
        if (freqMhz >= 4910 && freqMhz <= 4980) return freqMhz % 5 == 0 ? (freqMhz - 4000) / 5 : -1;
        if (freqMhz >= 5000 && freqMhz < 5925) return freqMhz % 5 == 0 ? (freqMhz - 5000) / 5 : -1;
        if (freqMhz == 5935) return 2;
        if (freqMhz >= 5955 && freqMhz <= 7115) return (freqMhz - 5950) % 5 == 0 ? (freqMhz - 5950) / 5 : -1;
        return -1;
    }

    /** The band of a frequency, or null. */
    public static Band band(int freqMhz) {
        if (freqMhz >= 2400 && freqMhz <= 2500) return Band.GHZ_2_4;
        if (freqMhz >= 4900 && freqMhz < 5000) return Band.GHZ_4_9;
        if (freqMhz >= 5000 && freqMhz < 5925) return Band.GHZ_5;
        if (freqMhz >= 5925 && freqMhz <= 7125) return Band.GHZ_6;
        return null;
    }

    /** Centre frequency of a channel in a band, or -1 when the band has no such channel. */
    public static int frequency(Band band, int channel) {
        return switch (band) {
            case GHZ_2_4 -> channel == 14 ? 2484 : channel >= 1 && channel <= 13 ? 2407 + 5 * channel : -1;
            case GHZ_4_9 -> channel >= 182 && channel <= 196 ? 4000 + 5 * channel : -1;
            case GHZ_5 -> channel >= 1 && channel <= 184 ? 5000 + 5 * channel : -1;
            case GHZ_6 -> channel == 2 ? 5935 : channel >= 1 && channel <= 233 ? 5950 + 5 * channel : -1;
        };
    }

    /**
     * Best guess of the frequency of a channel number seen without a band (e.g. the DS Parameter
     * Set of a frame with no radio header): 1-14 are 2.4 GHz, 32-177 are 5 GHz; else -1.
     */
    public static int guessFrequency(int channel) {
        if (channel >= 1 && channel <= 14) return frequency(Band.GHZ_2_4, channel);
        if (channel >= 32 && channel <= 177) return frequency(Band.GHZ_5, channel);
        return -1;
    }
}
