package io.sentinel.wifi.build;

import java.util.Arrays;

/**
 * An EAPOL-Key PDU (EAPOL header + key descriptor) for one message of the 4-way or group key
 * handshake; {@link FrameBuilder#eapol(EapolKeyBuilder)} wraps it in LLC/SNAP. The MIC is 16 bytes.
 */
public final class EapolKeyBuilder {

    public static final int INFO_PAIRWISE = 1 << 3, INFO_INSTALL = 1 << 6, INFO_ACK = 1 << 7, INFO_MIC = 1 << 8,
            INFO_SECURE = 1 << 9, INFO_ERROR = 1 << 10, INFO_REQUEST = 1 << 11, INFO_ENCRYPTED = 1 << 12;

    private int eapolVersion = 2;
    private int descriptorType = 2;
    private int keyInfo;
    private int keyLength = 16;
    private long replayCounter;
    private byte[] nonce = new byte[32];
    private byte[] mic = new byte[16];
    private byte[] keyData = new byte[0];
    private int declaredKeyDataLength = -1;
    private int declaredBodyLength = -1;

    private EapolKeyBuilder(int keyInfo) { this.keyInfo = keyInfo; }

    /** Message 1..4 of the 4-way handshake with descriptor version 2 (HMAC-SHA1/AES) and the usual bits:
     * 1 = pairwise|ack, 2 = pairwise|mic (key data: a WPA2-PSK RSN element), 3 = pairwise|install|ack|mic|secure|
     * encrypted key data, 4 = pairwise|mic|secure. Nonces of 1-3 are non-zero, 4's is zero. */
    public static EapolKeyBuilder message(int n) {
        EapolKeyBuilder b = switch (n) {
            case 1 -> new EapolKeyBuilder(2 | INFO_PAIRWISE | INFO_ACK);
            case 2 -> new EapolKeyBuilder(2 | INFO_PAIRWISE | INFO_MIC).keyData(Rsn.wpa2Psk().rsnElement());
            case 3 -> new EapolKeyBuilder(2 | INFO_PAIRWISE | INFO_INSTALL | INFO_ACK | INFO_MIC | INFO_SECURE | INFO_ENCRYPTED)
                    .keyData(filler(56, 0x5A));
            case 4 -> new EapolKeyBuilder(2 | INFO_PAIRWISE | INFO_MIC | INFO_SECURE);
            default -> throw new IllegalArgumentException("4-way handshake messages are 1..4, not " + n);
        };
        if (n != 4) b.nonce = filler(32, 0x10 * n + 1);
        if (n != 1) b.mic = filler(16, 0x4D);
        if (n == 2) b.keyLength = 0;
        return b;
    }

    /** Group key handshake message 1 (AP to station) or 2. */
    public static EapolKeyBuilder groupMessage(int n) {
        if (n == 1) return new EapolKeyBuilder(2 | INFO_ACK | INFO_MIC | INFO_SECURE | INFO_ENCRYPTED).keyData(filler(40, 0x6B)).mic(filler(16, 0x4D));
        if (n == 2) return new EapolKeyBuilder(2 | INFO_MIC | INFO_SECURE).mic(filler(16, 0x4D)).keyLength(0);
        throw new IllegalArgumentException("group key handshake messages are 1..2, not " + n);
    }

    private static byte[] filler(int n, int start) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (start + i);
        return b;
    }

    public EapolKeyBuilder eapolVersion(int v) { eapolVersion = v; return this; }

    /** 2 = RSN (default), 254 = WPA. */
    public EapolKeyBuilder descriptorType(int t) { descriptorType = t; return this; }

    public EapolKeyBuilder keyInfo(int info) { keyInfo = info; return this; }

    public EapolKeyBuilder keyLength(int n) { keyLength = n; return this; }

    public EapolKeyBuilder replayCounter(long c) { replayCounter = c; return this; }

    public EapolKeyBuilder nonce(byte[] n) {
        if (n.length != 32) throw new IllegalArgumentException("nonce must be 32 bytes");
        nonce = n.clone();
        return this;
    }

    public EapolKeyBuilder zeroNonce() { nonce = new byte[32]; return this; }

    public EapolKeyBuilder mic(byte[] m) { mic = m.clone(); return this; }

    public EapolKeyBuilder keyData(byte[] d) { keyData = d.clone(); return this; }

    /** Key data holding a PMKID KDE (dd 14 00-0f-ac 04 + the 16 bytes), as message 1 of many APs carries. */
    public EapolKeyBuilder pmkid(byte[] pmkid) {
        if (pmkid.length != 16) throw new IllegalArgumentException("PMKID must be 16 bytes");
        return keyData(new ByteWriter().u8(0xDD).u8(0x14).be24(InfoElements.OUI_IEEE).u8(4).bytes(pmkid).toArray());
    }

    /** Declares this key data length whatever the key data is (hostile frames). */
    public EapolKeyBuilder declaredKeyDataLength(int n) { declaredKeyDataLength = n; return this; }

    /** Declares this EAPOL body length whatever the body is. */
    public EapolKeyBuilder declaredBodyLength(int n) { declaredBodyLength = n; return this; }

    /** The EAPOL PDU: version, type 3 (key), body length, key descriptor. */
    public byte[] bytes() {
        ByteWriter body = new ByteWriter().u8(descriptorType).be16(keyInfo).be16(keyLength).be64(replayCounter)
                .bytes(nonce).zeros(16 /* IV */ + 8 /* RSC */ + 8 /* reserved */).bytes(Arrays.copyOf(mic, 16))
                .be16(declaredKeyDataLength >= 0 ? declaredKeyDataLength : keyData.length).bytes(keyData);
        byte[] b = body.toArray();
        return new ByteWriter().u8(eapolVersion).u8(3).be16(declaredBodyLength >= 0 ? declaredBodyLength : b.length)
                .bytes(b).toArray();
    }
}
