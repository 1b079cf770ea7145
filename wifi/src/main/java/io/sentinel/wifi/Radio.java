package io.sentinel.wifi;

/** Radio metadata of one record, from radiotap or PPI. Absent values are -1 / false. */
public interface Radio {

    /** A radio header (radiotap or PPI) was present and at least partly decoded. */
    boolean present();

    /** Channel frequency in MHz, or -1. */
    int freqMhz();

    /** Radiotap channel flags (2 GHz, 5 GHz, OFDM, CCK ...), or -1. */
    int channelFlags();

    boolean hasSignal();

    /** Antenna signal in dBm (meaningful when {@link #hasSignal()}). */
    int signalDbm();

    boolean hasNoise();

    int noiseDbm();

    /** Antenna index, or -1. */
    int antenna();

    /** Legacy rate in units of 500 kb/s, or -1. */
    int rate500Kbps();

    /** Radiotap flags field, or -1. */
    int flags();

    /** The frame includes a 4-byte FCS at its end. */
    boolean fcsPresent();

    /** The capture marked the FCS as failed. */
    boolean badFcs();

    /** HT MCS index, or -1. */
    int mcsIndex();

    /** VHT MCS of the first user, or -1. */
    int vhtMcs();

    /** VHT NSS of the first user, or -1. */
    int vhtNss();

    /** HE MCS, or -1 (the HE element was present when {@link #hasHe()}). */
    int heMcs();

    boolean hasHe();

    /** Bandwidth in MHz when the header says (20, 40, 80, 160), or -1. */
    int bandwidthMhz();

    /** MAC timestamp (TSFT) from radiotap, or -1. */
    long tsft();
}
