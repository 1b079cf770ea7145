package io.sentinel.sensor.radio;

/** One 20 MHz channel: its number within the band and its centre frequency. */
public record Channel(Band band, int number, int freqMhz) {

    /** The channel of a band by number, with the frequency of IEEE 802.11-2020 (Annex E). */
    public static Channel of(Band band, int number) {
        int f = switch (band) {
            case GHZ_2_4 -> number == 14 ? 2484 : 2407 + 5 * number;
            case GHZ_5 -> 5000 + 5 * number;
            case GHZ_6 -> number == 2 ? 5935 : 5950 + 5 * number;
        };
        return new Channel(band, number, f);
    }

    @Override
    public String toString() { return number + "(" + freqMhz + " MHz)"; }
}
