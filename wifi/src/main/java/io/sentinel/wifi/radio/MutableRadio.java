package io.sentinel.wifi.radio;

import io.sentinel.wifi.Radio;

/** The reusable {@link Radio} filled by {@link RadiotapDecoder} and {@link PpiDecoder}. */
public final class MutableRadio implements Radio {
    // TODO(wifi-io): fields and reset(); every accessor returns -1/false when absent.
    private String fault;

    public void reset() { fault = null; }

    /** Why the radio header could not be decoded, or null (a constant string). */
    public String fault() { return fault; }

    @Override public boolean present() { return false; }
    @Override public int freqMhz() { return -1; }
    @Override public int channelFlags() { return -1; }
    @Override public boolean hasSignal() { return false; }
    @Override public int signalDbm() { return 0; }
    @Override public boolean hasNoise() { return false; }
    @Override public int noiseDbm() { return 0; }
    @Override public int antenna() { return -1; }
    @Override public int rate500Kbps() { return -1; }
    @Override public int flags() { return -1; }
    @Override public boolean fcsPresent() { return false; }
    @Override public boolean badFcs() { return false; }
    @Override public int mcsIndex() { return -1; }
    @Override public int vhtMcs() { return -1; }
    @Override public int vhtNss() { return -1; }
    @Override public int heMcs() { return -1; }
    @Override public boolean hasHe() { return false; }
    @Override public int bandwidthMhz() { return -1; }
    @Override public long tsft() { return -1; }
}
