package io.sentinel.wifi.radio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds radiotap headers for tests and fixtures: any of the fields 0-27, several radiotap
 * namespaces (e.g. per-antenna signal), vendor namespaces with their data, and empty extended
 * bitmap words. Fields are laid out in bit order with their natural alignment, exactly as a
 * driver would.
 */
public final class RadiotapBuilder {

    private static final class RadiotapNs {
        final TreeMap<Integer, byte[]> fields = new TreeMap<>();
        int extensionWords;
    }

    private record VendorNs(int oui, int subNamespace, int presence, byte[] data) {}

    private final List<Object> namespaces = new ArrayList<>();
    private RadiotapNs current = new RadiotapNs();

    public RadiotapBuilder() {
        namespaces.add(current);
    }

    // ---- fields --------------------------------------------------------------------------

    /** Raw bytes of a field 0-27 (must have the field's size). */
    public RadiotapBuilder field(int field, byte[] bytes) {
        if (field < 0 || field >= RadiotapDecoder.SIZE.length) throw new IllegalArgumentException("field " + field);
        if (bytes.length != RadiotapDecoder.SIZE[field])
            throw new IllegalArgumentException("field " + field + " has " + RadiotapDecoder.SIZE[field] + " bytes");
        current.fields.put(field, bytes.clone());
        return this;
    }

    public RadiotapBuilder tsft(long value) { return field(RadiotapDecoder.TSFT, le(8).putLong(value).array()); }
    public RadiotapBuilder flags(int flags) { return field(RadiotapDecoder.FLAGS, new byte[] {(byte) flags}); }
    public RadiotapBuilder rate(int rate500Kbps) { return field(RadiotapDecoder.RATE, new byte[] {(byte) rate500Kbps}); }

    public RadiotapBuilder channel(int freqMhz, int channelFlags) {
        return field(RadiotapDecoder.CHANNEL, le(4).putShort((short) freqMhz).putShort((short) channelFlags).array());
    }

    /** Channel with the usual flags for its band (2 GHz + CCK/OFDM, 5/6 GHz + OFDM). */
    public RadiotapBuilder channel(int freqMhz) {
        return channel(freqMhz, freqMhz < 3000 ? 0x00A0 : 0x0140);
    }

    public RadiotapBuilder fhss(int hopSet, int pattern) { return field(RadiotapDecoder.FHSS, new byte[] {(byte) hopSet, (byte) pattern}); }
    public RadiotapBuilder antennaSignal(int dbm) { return field(RadiotapDecoder.DBM_ANTSIGNAL, new byte[] {(byte) dbm}); }
    public RadiotapBuilder antennaNoise(int dbm) { return field(RadiotapDecoder.DBM_ANTNOISE, new byte[] {(byte) dbm}); }
    public RadiotapBuilder lockQuality(int v) { return field(RadiotapDecoder.LOCK_QUALITY, le(2).putShort((short) v).array()); }
    public RadiotapBuilder txAttenuation(int v) { return field(RadiotapDecoder.TX_ATTENUATION, le(2).putShort((short) v).array()); }
    public RadiotapBuilder dbTxAttenuation(int v) { return field(RadiotapDecoder.DB_TX_ATTENUATION, le(2).putShort((short) v).array()); }
    public RadiotapBuilder dbmTxPower(int dbm) { return field(RadiotapDecoder.DBM_TX_POWER, new byte[] {(byte) dbm}); }
    public RadiotapBuilder antenna(int index) { return field(RadiotapDecoder.ANTENNA, new byte[] {(byte) index}); }
    public RadiotapBuilder dbAntennaSignal(int db) { return field(RadiotapDecoder.DB_ANTSIGNAL, new byte[] {(byte) db}); }
    public RadiotapBuilder dbAntennaNoise(int db) { return field(RadiotapDecoder.DB_ANTNOISE, new byte[] {(byte) db}); }
    public RadiotapBuilder rxFlags(int v) { return field(RadiotapDecoder.RX_FLAGS, le(2).putShort((short) v).array()); }
    public RadiotapBuilder txFlags(int v) { return field(RadiotapDecoder.TX_FLAGS, le(2).putShort((short) v).array()); }

    public RadiotapBuilder xchannel(int flags, int freqMhz, int channel, int maxPower) {
        return field(RadiotapDecoder.XCHANNEL, le(8).putInt(flags).putShort((short) freqMhz)
                .put((byte) channel).put((byte) maxPower).array());
    }

    public RadiotapBuilder mcs(int known, int flags, int mcs) {
        return field(RadiotapDecoder.MCS, new byte[] {(byte) known, (byte) flags, (byte) mcs});
    }

    public RadiotapBuilder ampduStatus(long reference, int flags) {
        return field(RadiotapDecoder.AMPDU_STATUS, le(8).putInt((int) reference).putShort((short) flags).array());
    }

    /** VHT with the bandwidth and the first user's MCS/NSS (known: bandwidth). */
    public RadiotapBuilder vht(int bandwidthCode, int mcs, int nss) {
        return field(RadiotapDecoder.VHT, le(12).putShort((short) 0x0040).put((byte) 0).put((byte) bandwidthCode)
                .put((byte) ((mcs << 4) | nss)).array());
    }

    public RadiotapBuilder timestamp(long value, int accuracy, int unitPosition, int flags) {
        return field(RadiotapDecoder.TIMESTAMP, le(12).putLong(value).putShort((short) accuracy)
                .put((byte) unitPosition).put((byte) flags).array());
    }

    /** HE with data MCS and bandwidth known (bandwidth code 0-3 = 20/40/80/160 MHz). */
    public RadiotapBuilder he(int mcs, int bandwidthCode) {
        return field(RadiotapDecoder.HE, le(12).putShort((short) (0x0020 | 0x4000)).putShort((short) 0)
                .putShort((short) (mcs << 8)).putShort((short) 0).putShort((short) bandwidthCode).putShort((short) 0).array());
    }

    public RadiotapBuilder heMu() { return field(RadiotapDecoder.HE_MU, new byte[12]); }
    public RadiotapBuilder heMuOtherUser() { return field(RadiotapDecoder.HE_MU_OTHER_USER, new byte[6]); }
    public RadiotapBuilder zeroLengthPsdu(int type) { return field(RadiotapDecoder.ZERO_LENGTH_PSDU, new byte[] {(byte) type}); }

    public RadiotapBuilder lsig(int data1, int data2) {
        return field(RadiotapDecoder.LSIG, le(4).putShort((short) data1).putShort((short) data2).array());
    }

    // ---- namespaces ------------------------------------------------------------------------

    /** Adds empty extended bitmap words (bit 31 chains) to the current radiotap namespace. */
    public RadiotapBuilder extensionWords(int n) {
        current.extensionWords += n;
        return this;
    }

    /** Starts another radiotap namespace (bit 29); the following field calls go into it. */
    public RadiotapBuilder radiotapNamespace() {
        current = new RadiotapNs();
        namespaces.add(current);
        return this;
    }

    /**
     * Adds a vendor namespace (bit 30): OUI, sub-namespace, the vendor's presence bits (0-28)
     * and its data (skip_length bytes). Field calls after this start a new radiotap namespace.
     */
    public RadiotapBuilder vendorNamespace(int oui, int subNamespace, int presence, byte[] data) {
        namespaces.add(new VendorNs(oui, subNamespace, presence & 0x1FFF_FFFF, data.clone()));
        current = new RadiotapNs();
        namespaces.add(current);
        return this;
    }

    // ---- output ----------------------------------------------------------------------------

    /** The radiotap header bytes. */
    public byte[] build() {
        List<Object> nss = new ArrayList<>();
        for (Object ns : namespaces) {
            boolean empty = ns instanceof RadiotapNs r && r.fields.isEmpty() && r.extensionWords == 0;
            if (!empty || ns == namespaces.get(0)) nss.add(ns);
        }

        List<Integer> words = new ArrayList<>();
        for (int i = 0; i < nss.size(); i++) {
            Object ns = nss.get(i);
            List<Integer> own = new ArrayList<>();
            if (ns instanceof RadiotapNs r) {
                int w = 0;
                for (int f : r.fields.keySet()) w |= 1 << f;
                own.add(w);
                for (int k = 0; k < r.extensionWords; k++) own.add(0);
            } else {
                own.add(((VendorNs) ns).presence);
            }
            for (int k = 0; k < own.size() - 1; k++) own.set(k, own.get(k) | (1 << 31));
            if (i + 1 < nss.size()) {
                int last = own.size() - 1;
                int nextBit = nss.get(i + 1) instanceof VendorNs ? 1 << 30 : 1 << 29;
                own.set(last, own.get(last) | nextBit | (1 << 31));
            }
            words.addAll(own);
        }

        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int base = 4 + 4 * words.size();
        for (int i = 0; i < nss.size(); i++) {
            if (nss.get(i) instanceof RadiotapNs r) {
                for (Map.Entry<Integer, byte[]> e : r.fields.entrySet()) {
                    pad(data, base, RadiotapDecoder.ALIGN[e.getKey()]);
                    data.writeBytes(e.getValue());
                }
            }
            if (i + 1 < nss.size() && nss.get(i + 1) instanceof VendorNs v) {
                pad(data, base, 2);
                data.write(v.oui >>> 16);
                data.write(v.oui >>> 8);
                data.write(v.oui);
                data.write(v.subNamespace);
                data.write(v.data.length);
                data.write(v.data.length >>> 8);
                data.writeBytes(v.data);
            }
        }
        int itLen = base + data.size();
        ByteBuffer out = le(itLen);
        out.put((byte) 0).put((byte) 0).putShort((short) itLen);
        for (int w : words) out.putInt(w);
        out.put(data.toByteArray());
        return out.array();
    }

    /** The header followed by the 802.11 frame: a complete link-type-127 record. */
    public byte[] wrap(byte[] dot11) {
        byte[] h = build();
        byte[] out = new byte[h.length + dot11.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(dot11, 0, out, h.length, dot11.length);
        return out;
    }

    private static void pad(ByteArrayOutputStream data, int base, int align) {
        while (((base + data.size()) % align) != 0) data.write(0);
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
