package io.sentinel.wifi.build;

import java.util.Arrays;

/** A growable little byte buffer for the builders. */
final class ByteWriter {
    private byte[] buf = new byte[64];
    private int size;

    private void room(int n) {
        if (size + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
    }

    ByteWriter u8(int v) {
        room(1);
        buf[size++] = (byte) v;
        return this;
    }

    ByteWriter le16(int v) { return u8(v).u8(v >>> 8); }

    ByteWriter be16(int v) { return u8(v >>> 8).u8(v); }

    ByteWriter le32(long v) { return le16((int) v).le16((int) (v >>> 16)); }

    ByteWriter le64(long v) { return le32(v).le32(v >>> 32); }

    ByteWriter be64(long v) {
        for (int i = 56; i >= 0; i -= 8) u8((int) (v >>> i));
        return this;
    }

    ByteWriter be24(int v) { return u8(v >>> 16).u8(v >>> 8).u8(v); }

    ByteWriter mac(long mac) {
        for (int i = 40; i >= 0; i -= 8) u8((int) (mac >>> i));
        return this;
    }

    ByteWriter bytes(byte[] b) {
        if (b == null) return this;
        room(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
        return this;
    }

    ByteWriter zeros(int n) {
        room(n);
        size += n;
        return this;
    }

    int size() { return size; }

    byte[] toArray() { return Arrays.copyOf(buf, size); }
}
