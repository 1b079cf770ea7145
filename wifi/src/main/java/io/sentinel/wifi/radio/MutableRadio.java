package io.sentinel.wifi.radio;

import io.sentinel.wifi.Radio;

/**
 * The reusable {@link Radio} filled by {@link RadiotapDecoder} and {@link PpiDecoder}. Besides
 * the {@link Radio} view it exposes every radiotap field the decoder knows. Absent values are
 * -1 (or false); {@link #reset()} clears everything without allocating.
 */
public final class MutableRadio implements Radio {

    /** Radiotap flags bits. */
    public static final int FLAG_CFP = 0x01, FLAG_SHORT_PREAMBLE = 0x02, FLAG_WEP = 0x04, FLAG_FRAGMENTED = 0x08,
            FLAG_FCS = 0x10, FLAG_DATA_PAD = 0x20, FLAG_BAD_FCS = 0x40, FLAG_SHORT_GI = 0x80;

    boolean present;
    int headerLength;
    int freqMhz;
    int channelFlags;
    boolean hasSignal;
    int signalDbm;
    boolean hasNoise;
    int noiseDbm;
    int antenna;
    int rate;
    int flags;
    boolean fcs;
    boolean badFcs;
    long tsft;
    int fhssHopSet;
    int fhssPattern;
    int lockQuality;
    int txAttenuation;
    int dbTxAttenuation;
    int dbmTxPower;
    boolean hasDbmTxPower;
    int dbSignal;
    int dbNoise;
    int rxFlags;
    int txFlags;
    int mcsKnown;
    int mcsFlags;
    int mcsIndex;
    long ampduReference;
    int ampduFlags;
    int vhtKnown;
    int vhtMcs;
    int vhtNss;
    boolean hasHe;
    int heMcs;
    boolean hasHeMu;
    int bandwidth;
    long timestamp;
    int zeroLengthPsdu;
    int lsigData1;
    int lsigData2;
    int vendorNamespaces;
    int presenceWords;
    int stoppedAtField;
    String fault;

    public MutableRadio() {
        reset();
    }

    /** Set by the decoders when they touch a field outside the common set, so reset() knows. */
    boolean rareSet = true;

    public void reset() {
        present = false;
        headerLength = 0;
        freqMhz = -1;
        channelFlags = -1;
        hasSignal = false;
        signalDbm = 0;
        hasNoise = false;
        noiseDbm = 0;
        antenna = -1;
        rate = -1;
        flags = -1;
        fcs = false;
        badFcs = false;
        tsft = -1;
        rxFlags = -1;
        vendorNamespaces = 0;
        presenceWords = 0;
        stoppedAtField = -1;
        fault = null;
        if (rareSet) resetRare();
    }

    // fields few headers carry: cleared only when a decoder set one of them
    private void resetRare() {
        rareSet = false;
        fhssHopSet = -1;
        fhssPattern = -1;
        lockQuality = -1;
        txAttenuation = -1;
        dbTxAttenuation = -1;
        dbmTxPower = 0;
        hasDbmTxPower = false;
        dbSignal = -1;
        dbNoise = -1;
        txFlags = -1;
        mcsKnown = -1;
        mcsFlags = -1;
        mcsIndex = -1;
        ampduReference = -1;
        ampduFlags = -1;
        vhtKnown = -1;
        vhtMcs = -1;
        vhtNss = -1;
        hasHe = false;
        heMcs = -1;
        hasHeMu = false;
        bandwidth = -1;
        timestamp = -1;
        zeroLengthPsdu = -1;
        lsigData1 = -1;
        lsigData2 = -1;
    }

    /** Why the radio header is unusable or inconsistent, or null (a constant string). */
    public String fault() { return fault; }

    /**
     * The radiotap field number at which the walk stopped because its size is unknown (a field
     * newer than this decoder), or -1 when every present field was walked. Fields before it
     * are decoded; this is not a fault.
     */
    public int stoppedAtField() { return stoppedAtField; }

    /** Length of the radio header (radiotap it_len or PPI pph_len), or 0. */
    public int headerLength() { return headerLength; }

    /** Number of presence bitmap words (radiotap), extended ones included. */
    public int presenceWords() { return presenceWords; }

    /** Vendor namespaces skipped. */
    public int vendorNamespaces() { return vendorNamespaces; }

    public int fhssHopSet() { return fhssHopSet; }
    public int fhssPattern() { return fhssPattern; }
    public int lockQuality() { return lockQuality; }
    public int txAttenuation() { return txAttenuation; }
    public int dbTxAttenuation() { return dbTxAttenuation; }
    public boolean hasDbmTxPower() { return hasDbmTxPower; }
    public int dbmTxPower() { return dbmTxPower; }
    /** Signal in dB above an arbitrary reference, or -1. */
    public int dbSignal() { return dbSignal; }
    public int dbNoise() { return dbNoise; }
    public int rxFlags() { return rxFlags; }
    public int txFlags() { return txFlags; }
    public int mcsKnown() { return mcsKnown; }
    public int mcsFlags() { return mcsFlags; }
    /** A-MPDU reference number, or -1. */
    public long ampduReference() { return ampduReference; }
    public int ampduFlags() { return ampduFlags; }
    public int vhtKnown() { return vhtKnown; }
    public boolean hasHeMu() { return hasHeMu; }
    /** The radiotap timestamp field's value (unit as the field says), or -1. */
    public long timestamp() { return timestamp; }
    /** 0-length-PSDU type, or -1. */
    public int zeroLengthPsdu() { return zeroLengthPsdu; }
    public int lsigData1() { return lsigData1; }
    public int lsigData2() { return lsigData2; }
    /** The frame has padding between the 802.11 header and the body (radiotap flag 0x20). */
    public boolean dataPad() { return flags >= 0 && (flags & FLAG_DATA_PAD) != 0; }

    @Override public boolean present() { return present; }
    @Override public int freqMhz() { return freqMhz; }
    @Override public int channelFlags() { return channelFlags; }
    @Override public boolean hasSignal() { return hasSignal; }
    @Override public int signalDbm() { return signalDbm; }
    @Override public boolean hasNoise() { return hasNoise; }
    @Override public int noiseDbm() { return noiseDbm; }
    @Override public int antenna() { return antenna; }
    @Override public int rate500Kbps() { return rate; }
    @Override public int flags() { return flags; }
    @Override public boolean fcsPresent() { return fcs; }
    @Override public boolean badFcs() { return badFcs; }
    @Override public int mcsIndex() { return mcsIndex; }
    @Override public int vhtMcs() { return vhtMcs; }
    @Override public int vhtNss() { return vhtNss; }
    @Override public int heMcs() { return heMcs; }
    @Override public boolean hasHe() { return hasHe; }
    @Override public int bandwidthMhz() { return bandwidth; }
    @Override public long tsft() { return tsft; }
}
