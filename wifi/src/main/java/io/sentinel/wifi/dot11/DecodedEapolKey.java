package io.sentinel.wifi.dot11;

import static io.sentinel.wifi.dot11.Bytes.*;

import io.sentinel.wifi.EapolKey;
import java.lang.foreign.MemorySegment;

/**
 * The reusable {@link EapolKey} view (802.11-2020 12.7.2). Fields are read as far as the frame
 * goes; a truncated key frame keeps what was read.
 *
 * <p>Message of the 4-way handshake, from the key information bits (pairwise key type only;
 * group key frames are message 0, request/error frames -1):
 * <ul>
 *   <li>ACK set, MIC clear: message 1;</li>
 *   <li>ACK set, MIC set (Install normally set): message 3;</li>
 *   <li>ACK clear, MIC set: message 2 or 4. Message 2 carries the supplicant's RSN element in its
 *   key data and a non-zero SNonce; message 4 carries no key data and usually a zero nonce. So:
 *   key data length &gt; 0 gives 2; else a zero nonce gives 4; else the Secure bit set gives 4;
 *   else 2.</li>
 *   <li>ACK clear, MIC clear: -1.</li>
 * </ul>
 * The MIC is assumed 16 bytes, unless the EAPOL body length only fits a 24-byte MIC (Suite B 192
 * and FT-SHA384 AKMs).
 */
public final class DecodedEapolKey implements EapolKey {

    public static final int INFO_KEY_TYPE = 1 << 3, INFO_INSTALL = 1 << 6, INFO_ACK = 1 << 7, INFO_MIC = 1 << 8,
            INFO_SECURE = 1 << 9, INFO_ERROR = 1 << 10, INFO_REQUEST = 1 << 11, INFO_ENCRYPTED_KEY_DATA = 1 << 12;

    static final int OFF_INFO = 1, OFF_KEY_LENGTH = 3, OFF_REPLAY = 5, OFF_NONCE = 13, OFF_MIC = 77;
    static final int NONCE_LENGTH = 32, PMKID_LENGTH = 16;

    private MemorySegment seg = MemorySegment.NULL;
    private boolean present;
    private int descriptorType, keyInfo, keyLength, message, keyDataLength, micLength;
    private long replayCounter, nonceOffset, keyDataOffset, pmkidOffset, micOffset;
    private boolean nonceZero;

    private boolean dirty = true;

    void reset(MemorySegment s) {
        seg = s;
        if (!dirty) return; // nothing was parsed since the last reset
        dirty = false;
        present = false;
        descriptorType = keyInfo = keyLength = message = keyDataLength = micLength = -1;
        replayCounter = -1;
        nonceOffset = keyDataOffset = pmkidOffset = micOffset = -1;
        nonceZero = false;
    }

    /**
     * @param p offset of the descriptor type byte
     * @param end end of the captured frame
     * @param bodyLength the EAPOL header's body length (used for the MIC size only)
     */
    void parse(MemorySegment s, long p, long end, int bodyLength, DecodedFrame f) {
        dirty = true;
        long avail = end - p;
        if (avail < 3) {
            if (avail >= 1) descriptorType = u8(s, p);
            f.markMalformed(Malformed.TRUNCATED_EAPOL_KEY);
            return;
        }
        present = true;
        descriptorType = u8(s, p);
        keyInfo = be16(s, p + OFF_INFO);
        if (descriptorType != 2 && descriptorType != 254 && descriptorType != 1) f.markMalformed(Malformed.BAD_EAPOL_KEY);
        if (avail >= OFF_REPLAY) keyLength = be16(s, p + OFF_KEY_LENGTH);
        if (avail >= OFF_NONCE) replayCounter = be64(s, p + OFF_REPLAY);
        if (avail >= OFF_NONCE + NONCE_LENGTH) {
            nonceOffset = p + OFF_NONCE;
            nonceZero = Bytes.allZero(s, nonceOffset, NONCE_LENGTH);
        }
        micLength = 16;
        if (avail >= OFF_MIC + 24 + 2 && 95 + be16(s, p + 93) != bodyLength && 103 + be16(s, p + 101) == bodyLength) {
            micLength = 24;
        }
        long kdlAt = p + OFF_MIC + micLength;
        if (end - kdlAt >= 2) {
            micOffset = p + OFF_MIC;
            int declared = be16(s, kdlAt);
            keyDataOffset = kdlAt + 2;
            long room = end - keyDataOffset;
            if (declared > room) {
                keyDataLength = (int) room;
                f.markMalformed(Malformed.KEY_DATA_OVERRUN);
            } else {
                keyDataLength = declared;
            }
            if ((keyInfo & INFO_ENCRYPTED_KEY_DATA) == 0) findPmkid(s, keyDataOffset, keyDataOffset + keyDataLength);
        } else {
            f.markMalformed(Malformed.TRUNCATED_EAPOL_KEY);
        }
        message = classify();
    }

    /** Walks the key data's elements and KDEs looking for the PMKID KDE (dd, 00-0F-AC, type 4). */
    private void findPmkid(MemorySegment s, long q, long end) {
        while (end - q >= 2) {
            int id = u8(s, q), len = u8(s, q + 1);
            long body = q + 2;
            if (len > end - body) return;
            if (id == 0xDD && len >= 4 + PMKID_LENGTH && be24(s, body) == DecodedSecurity.OUI_IEEE && u8(s, body + 3) == 4) {
                pmkidOffset = body + 4;
                return;
            }
            if (id == 0xDD && len == 0) return; // padding (dd 00 ...) ends the key data
            q = body + len;
        }
    }

    private int classify() {
        int i = keyInfo;
        if ((i & (INFO_REQUEST | INFO_ERROR)) != 0) return -1;
        if ((i & INFO_KEY_TYPE) == 0) return 0;
        boolean ack = (i & INFO_ACK) != 0, mic = (i & INFO_MIC) != 0;
        if (ack && !mic) return 1;
        if (ack) return 3;
        if (!mic) return -1;
        if (keyDataLength > 0) return 2;
        if (nonceOffset >= 0 && nonceZero) return 4;
        if ((i & INFO_SECURE) != 0) return 4;
        return 2;
    }

    @Override public boolean present() { return present; }
    @Override public int descriptorType() { return descriptorType; }
    @Override public int keyInformation() { return keyInfo; }
    @Override public int descriptorVersion() { return present ? keyInfo & 7 : -1; }
    @Override public int message() { return message; }
    @Override public boolean groupHandshake() { return present && (keyInfo & INFO_KEY_TYPE) == 0; }
    @Override public int keyLength() { return keyLength; }
    @Override public long replayCounter() { return replayCounter; }
    @Override public boolean nonceZero() { return nonceZero; }
    @Override public long nonceOffset() { return nonceOffset; }
    @Override public byte[] nonce() { return nonceOffset < 0 ? null : Bytes.copy(seg, nonceOffset, NONCE_LENGTH); }

    @Override
    public long nonceHash() {
        if (nonceOffset < 0) return 0;
        long h = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < NONCE_LENGTH; i += 8) {
            h ^= Bytes.le64(seg, nonceOffset + i);
            h *= 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        return h;
    }

    @Override public boolean install() { return present && (keyInfo & INFO_INSTALL) != 0; }
    @Override public boolean ack() { return present && (keyInfo & INFO_ACK) != 0; }
    @Override public boolean mic() { return present && (keyInfo & INFO_MIC) != 0; }
    @Override public boolean secure() { return present && (keyInfo & INFO_SECURE) != 0; }
    @Override public boolean encryptedKeyData() { return present && (keyInfo & INFO_ENCRYPTED_KEY_DATA) != 0; }
    @Override public boolean request() { return present && (keyInfo & INFO_REQUEST) != 0; }
    @Override public boolean error() { return present && (keyInfo & INFO_ERROR) != 0; }
    @Override public int keyDataLength() { return keyDataLength; }
    @Override public long keyDataOffset() { return keyDataOffset; }
    @Override public boolean hasPmkid() { return pmkidOffset >= 0; }
    @Override public long pmkidOffset() { return pmkidOffset; }
    @Override public boolean pmkidZero() { return pmkidOffset >= 0 && Bytes.allZero(seg, pmkidOffset, PMKID_LENGTH); }

    @Override public byte[] pmkid() { return pmkidOffset < 0 ? null : Bytes.copy(seg, pmkidOffset, PMKID_LENGTH); }
    @Override public long micOffset() { return micOffset; }
    @Override public int micLength() { return micOffset < 0 ? -1 : micLength; }

    @Override
    public boolean micZero() { return micOffset >= 0 && Bytes.allZero(seg, micOffset, micLength); }
}
