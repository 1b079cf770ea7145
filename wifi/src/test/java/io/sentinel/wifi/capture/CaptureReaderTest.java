package io.sentinel.wifi.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureReaderTest {

    static final long T0 = 1_700_000_000_123_456_789L; // 2023-11-14T22:13:20.123456789Z
    static final byte[] A = {1, 2, 3, 4, 5};
    static final byte[] B = {(byte) 0xAA, (byte) 0xBB, (byte) 0xCC};
    static final byte[] C = new byte[300];

    static { Arrays.fill(C, (byte) 0x5A); }

    @TempDir Path dir;

    /** What one record looked like when it was read. */
    record Seen(long n, long ts, int linkType, int ifId, int digits, byte[] data, int orig, int fcs) {}

    static List<Seen> readAll(CaptureReader r) {
        List<Seen> out = new ArrayList<>();
        while (r.next()) {
            MutableCaptureRecord rec = r.record();
            byte[] data = rec.segment().asSlice(rec.dataOffset(), rec.capturedLength()).toArray(ValueLayout.JAVA_BYTE);
            out.add(new Seen(rec.recordNumber(), rec.timestampNanos(), rec.linkType(), rec.interfaceId(),
                    rec.timestampDigits(), data, rec.originalLength(), rec.fcsLength()));
        }
        return out;
    }

    static byte[] pcap(int linkType, boolean nanos, ByteOrder order, byte[]... frames) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PcapWriter w = PcapWriter.create(bytes, linkType, nanos, order)) {
            long ts = T0;
            for (byte[] f : frames) {
                w.write(ts, f);
                ts += 1_000_001_001L;
            }
        }
        return bytes.toByteArray();
    }

    // ---- classic pcap --------------------------------------------------------------------------

    @Test
    void littleEndianMicrosecondPcapKeepsOrderBytesAndMicrosecondTimes() throws Exception {
        CaptureReader r = CaptureReader.of(pcap(127, false, ByteOrder.LITTLE_ENDIAN, A, B, C));
        assertThat(r.format()).isEqualTo(CaptureReader.Format.PCAP);
        assertThat(r.declaredLinkTypes()).containsExactly(127);
        List<Seen> seen = readAll(r);
        assertThat(seen).hasSize(3);
        assertThat(seen.get(0).n()).isEqualTo(1);
        assertThat(seen.get(2).n()).isEqualTo(3);
        assertThat(seen.get(0).ts()).isEqualTo(1_700_000_000_123_456_000L);
        assertThat(seen.get(1).ts()).isEqualTo(1_700_000_001_123_457_000L);
        assertThat(seen.get(0).data()).isEqualTo(A);
        assertThat(seen.get(1).data()).isEqualTo(B);
        assertThat(seen.get(2).data()).isEqualTo(C);
        assertThat(seen.get(0).linkType()).isEqualTo(127);
        assertThat(seen.get(0).digits()).isEqualTo(6);
        assertThat(seen.get(0).fcs()).isEqualTo(-1);
        assertThat(r.truncatedTail()).isFalse();
        assertThat(r.endProblem()).isNull();
        assertThat(r.position()).isEqualTo(r.size());
        assertThat(r.next()).isFalse();
    }

    @Test
    void bigEndianNanosecondPcapKeepsNanoseconds() throws Exception {
        CaptureReader r = CaptureReader.of(pcap(105, true, ByteOrder.BIG_ENDIAN, A, B));
        List<Seen> seen = readAll(r);
        assertThat(seen).extracting(Seen::ts).containsExactly(T0, T0 + 1_000_001_001L);
        assertThat(seen).extracting(Seen::linkType).containsExactly(105, 105);
        assertThat(seen.get(0).digits()).isEqualTo(9);
        assertThat(seen.get(1).data()).isEqualTo(B);
    }

    @Test
    void bigEndianMicrosecondPcapStatedByteByByte() throws Exception {
        byte[] file = HexFormat.of().parseHex(
                "a1b2c3d4" + "0002" + "0004" + "00000000" + "00000000" + "0000ffff" + "0000007f" // header, link type 127
                + "6553f100" + "000f4240" + "00000002" + "00000040" // ts 1700000000 s + 1000000 us, 2 of 64 bytes
                + "beef");
        CaptureReader r = CaptureReader.of(file);
        List<Seen> seen = readAll(r);
        assertThat(seen).hasSize(1);
        // 1,000,000 microseconds in the fraction field: a sloppy writer; it still adds up to one second
        assertThat(seen.get(0).ts()).isEqualTo(1_700_000_001_000_000_000L);
        assertThat(seen.get(0).data()).containsExactly(0xbe, 0xef);
        assertThat(seen.get(0).orig()).isEqualTo(64);
        assertThat(seen.get(0).linkType()).isEqualTo(127);
    }

    @Test
    void fcsLengthBitsOfThePcapLinkTypeFieldAreHonoured() throws Exception {
        int linkTypeField = 0x1000_0000 | (2 << 29) | 105; // F bit, FCS length 2 x 16 bits
        List<Seen> seen = readAll(CaptureReader.of(pcap(linkTypeField, false, ByteOrder.LITTLE_ENDIAN, A)));
        assertThat(seen.get(0).linkType()).isEqualTo(105);
        assertThat(seen.get(0).fcs()).isEqualTo(4);
    }

    @Test
    void modifiedPcapWithTwentyFourByteRecordHeadersIsRead() throws Exception {
        byte[] file = HexFormat.of().parseHex(
                "34cdb2a1" + "0200" + "0400" + "00000000" + "00000000" + "ffff0000" + "69000000"
                + "00f15365" + "01000000" + "03000000" + "03000000" + "00000000" + "00000000" + "010203");
        List<Seen> seen = readAll(CaptureReader.of(file));
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).ts()).isEqualTo(1_700_000_000_000_001_000L);
        assertThat(seen.get(0).data()).containsExactly(1, 2, 3);
    }

    @Test
    void truncatedLastRecordEndsTheIterationAndIsReported() throws Exception {
        byte[] full = pcap(127, false, ByteOrder.LITTLE_ENDIAN, A, B, C);
        CaptureReader r = CaptureReader.of(Arrays.copyOf(full, full.length - 10));
        assertThat(readAll(r)).hasSize(2);
        assertThat(r.truncatedTail()).isTrue();
        assertThat(r.endProblem()).contains("record 3");
        assertThat(r.next()).isFalse();

        CaptureReader h = CaptureReader.of(Arrays.copyOf(full, 24 + 16 + A.length + 7)); // inside the 2nd header
        assertThat(readAll(h)).hasSize(1);
        assertThat(h.truncatedTail()).isTrue();
    }

    @Test
    void headerOnlyPcapHasNoRecords() throws Exception {
        CaptureReader r = CaptureReader.of(pcap(127, false, ByteOrder.LITTLE_ENDIAN));
        assertThat(r.next()).isFalse();
        assertThat(r.truncatedTail()).isFalse();
    }

    @Test
    void somethingThatIsNotACaptureIsRefusedWithOneLine() throws Exception {
        assertThatThrownBy(() -> CaptureReader.of("GET / HTTP/1.1\r\n\r\n".getBytes()))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage("not a pcap or pcapng capture (magic 0x47455420)");
        assertThatThrownBy(() -> CaptureReader.of(new byte[2])).isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("too short");
        assertThatThrownBy(() -> CaptureReader.of(Arrays.copyOf(pcap(127, false, ByteOrder.LITTLE_ENDIAN), 20)))
                .isInstanceOf(CaptureFormatException.class).hasMessageContaining("truncated pcap file header");
        Path empty = Files.createFile(dir.resolve("empty.pcap"));
        assertThatThrownBy(() -> CaptureReader.open(empty)).isInstanceOf(CaptureFormatException.class);
        assertThatThrownBy(() -> CaptureReader.open(dir.resolve("missing.pcap"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void openMapsAFileAndCloseReleasesIt() throws Exception {
        Path file = dir.resolve("a.pcap");
        Files.write(file, pcap(127, false, ByteOrder.LITTLE_ENDIAN, A, B));
        try (CaptureReader r = CaptureReader.open(file)) {
            assertThat(r.size()).isEqualTo(Files.size(file));
            assertThat(readAll(r)).hasSize(2);
        }
    }

    // ---- pcapng --------------------------------------------------------------------------------

    @Test
    void pcapngWithTwoInterfacesOfDifferentResolutionsAndOffsets() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PcapngWriter w = PcapngWriter.create(bytes)) {
            int usec = w.addInterface(127);
            int nsec = w.addInterface(105, PcapngWriter.TSRESOL_NSEC, 100, 4);
            w.writePacket(usec, T0, A);
            w.writePacket(nsec, T0 + 5, B);
            w.writePacket(usec, T0 + 2_000, C);
        }
        CaptureReader r = CaptureReader.of(bytes.toByteArray());
        assertThat(r.format()).isEqualTo(CaptureReader.Format.PCAPNG);
        assertThat(r.declaredLinkTypes()).containsExactly(127, 105);
        List<Seen> seen = readAll(r);
        assertThat(seen).extracting(Seen::ifId).containsExactly(0, 1, 0);
        assertThat(seen).extracting(Seen::linkType).containsExactly(127, 105, 127);
        assertThat(seen).extracting(Seen::ts).containsExactly(T0 - 789, T0 + 5, T0 + 2_000 - 789);
        assertThat(seen).extracting(Seen::digits).containsExactly(6, 9, 6);
        assertThat(seen).extracting(Seen::fcs).containsExactly(-1, 4, -1);
        assertThat(seen.get(2).data()).isEqualTo(C);
        assertThat(r.sections()).isEqualTo(1);
        assertThat(r.endProblem()).isNull();
    }

    @Test
    void pcapngTimestampOffsetIsAddedInSeconds() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PcapngWriter w = PcapngWriter.create(bytes)) {
            w.addInterface(127, PcapngWriter.TSRESOL_NSEC, 1_600_000_000L, -1);
            w.writePacket(0, T0, A);
        }
        byte[] file = bytes.toByteArray();
        // the EPB stores only the time since the offset: 100,000,000.123456789 s
        List<Seen> seen = readAll(CaptureReader.of(file));
        assertThat(seen.get(0).ts()).isEqualTo(T0);
    }

    @Test
    void powerOfTwoResolutionsConvertToNanoseconds() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PcapngWriter w = PcapngWriter.create(bytes)) {
            w.addInterface(127, 0x80 | 20, 0, -1); // 2^-20 s, about a microsecond
            w.addInterface(127, 0x80 | 30, 0, -1); // 2^-30 s
            w.writePacket(0, T0, A);
            w.writePacket(1, T0, A);
        }
        List<Seen> seen = readAll(CaptureReader.of(bytes.toByteArray()));
        assertThat(seen.get(0).ts()).isBetween(T0 - 1_000, T0);
        assertThat(seen.get(0).digits()).isEqualTo(6);
        assertThat(seen.get(1).ts()).isBetween(T0 - 1, T0);
        assertThat(seen.get(1).digits()).isEqualTo(9);
    }

    @Test
    void pcapngStatedByteByByte() throws Exception {
        byte[] file = HexFormat.of().parseHex(
                // SHB, little-endian, 28 bytes, version 1.0, section length -1
                "0a0d0d0a" + "1c000000" + "4d3c2b1a" + "0100" + "0000" + "ffffffffffffffff" + "1c000000"
                // IDB: link type 127, snaplen 65535, if_tsresol = 3 (milliseconds), end of options
                + "01000000" + "20000000" + "7f00" + "0000" + "ffff0000" + "0900" + "0100" + "03000000" + "00000000" + "20000000"
                // EPB: interface 0, timestamp 1700000000123 ms, 3 of 3 bytes
                + "06000000" + "24000000" + "00000000" + "8b010000" + "7b68e5cf" + "03000000" + "03000000" + "0a0b0c00" + "24000000");
        CaptureReader r = CaptureReader.of(file);
        List<Seen> seen = readAll(r);
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).ts()).isEqualTo(1_700_000_000_123_000_000L);
        assertThat(seen.get(0).linkType()).isEqualTo(127);
        assertThat(seen.get(0).data()).containsExactly(0x0a, 0x0b, 0x0c);
        assertThat(seen.get(0).digits()).isEqualTo(6);
        assertThat(r.endProblem()).isNull();
    }

    @Test
    void sectionsOfDifferentByteOrderEachStartTheirOwnInterfaces() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PcapngWriter w = PcapngWriter.create(bytes, ByteOrder.LITTLE_ENDIAN)) {
            w.addInterface(127);
            w.writePacket(0, T0, A);
            w.newSection(ByteOrder.BIG_ENDIAN);
            w.addInterface(105, PcapngWriter.TSRESOL_NSEC, 0, -1);
            w.writePacket(0, T0 + 1, B);
            w.newSection(ByteOrder.LITTLE_ENDIAN);
            w.addInterface(192);
            w.writePacket(0, T0 + 3_000, C);
        }
        CaptureReader r = CaptureReader.of(bytes.toByteArray());
        List<Seen> seen = readAll(r);
        assertThat(seen).extracting(Seen::n).containsExactly(1L, 2L, 3L);
        assertThat(seen).extracting(Seen::linkType).containsExactly(127, 105, 192);
        assertThat(seen).extracting(Seen::ifId).containsExactly(0, 0, 0);
        assertThat(seen).extracting(Seen::ts).containsExactly(T0 - 789, T0 + 1, T0 + 3_000 - 789);
        assertThat(seen.get(1).data()).isEqualTo(B);
        assertThat(r.sections()).isEqualTo(3);
        assertThat(r.endProblem()).isNull();
    }

    @Test
    void unknownAndNonPacketBlocksAreSkipped() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PcapngWriter w = PcapngWriter.create(bytes)) {
            w.writeBlock(0x0000_0BAD, new byte[] {9, 9, 9, 9, 9}); // unknown, before any interface
            w.addInterface(127);
            w.writeBlock(4, new byte[] {0, 0, 0, 0}); // name resolution block, end of records
            w.writePacket(0, T0, A);
            w.writeBlock(5, new byte[12]); // interface statistics
            w.writeBlock(0x4000_0BAD, new byte[7]); // custom block
            w.writePacket(0, T0, B);
        }
        CaptureReader r = CaptureReader.of(bytes.toByteArray());
        List<Seen> seen = readAll(r);
        assertThat(seen).extracting(Seen::data).containsExactly(A, B);
        assertThat(r.endProblem()).isNull();
    }

    @Test
    void simplePacketBlocksUseInterfaceZeroAndObsoletePacketBlocksAreRead() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PcapngWriter w = PcapngWriter.create(bytes)) {
            w.addInterface(105);
            w.addInterface(127);
            w.writePacket(1, T0, A);
            w.writeSimplePacket(B);
            w.writeObsoletePacket(1, T0 + 7_000, C);
        }
        List<Seen> seen = readAll(CaptureReader.of(bytes.toByteArray()));
        assertThat(seen).hasSize(3);
        assertThat(seen.get(1).linkType()).isEqualTo(105);
        assertThat(seen.get(1).ifId()).isEqualTo(0);
        assertThat(seen.get(1).data()).isEqualTo(B);
        assertThat(seen.get(1).ts()).isEqualTo(T0 - 789); // no timestamp of its own: the previous one
        assertThat(seen.get(2).linkType()).isEqualTo(127);
        assertThat(seen.get(2).ts()).isEqualTo(T0 + 7_000 - 789);
        assertThat(seen.get(2).data()).isEqualTo(C);
    }

    @Test
    void packetOfAnUndeclaredInterfaceHasNoLinkType() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PcapngWriter w = PcapngWriter.create(bytes)) {
            w.addInterface(127);
            w.writePacket(0, T0, A);
        }
        byte[] file = bytes.toByteArray();
        // rewrite the EPB's interface id (first body word of the last block) to 7
        int epb = file.length - (12 + 20 + 8);
        file[epb + 8] = 7;
        List<Seen> seen = readAll(CaptureReader.of(file));
        assertThat(seen.get(0).linkType()).isEqualTo(-1);
        assertThat(seen.get(0).ifId()).isEqualTo(7);
    }

    @Test
    void truncatedAndCorruptPcapngTailsEndCleanly() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PcapngWriter w = PcapngWriter.create(bytes)) {
            w.addInterface(127);
            w.writePacket(0, T0, A);
            w.writePacket(0, T0, C);
        }
        byte[] full = bytes.toByteArray();
        CaptureReader t = CaptureReader.of(Arrays.copyOf(full, full.length - 100));
        assertThat(readAll(t)).hasSize(1);
        assertThat(t.truncatedTail()).isTrue();
        assertThat(t.endProblem()).contains("file ends inside a block");

        byte[] corrupt = full.clone();
        int second = full.length - (12 + 20 + 300);
        corrupt[second + 4] = 13; // block length not a multiple of 4
        CaptureReader c = CaptureReader.of(corrupt);
        assertThat(readAll(c)).hasSize(1);
        assertThat(c.truncatedTail()).isFalse();
        assertThat(c.endProblem()).startsWith("bad block length");

        byte[] overrun = full.clone();
        overrun[second + 8 + 12] = (byte) 0xF0; // captured length beyond the block
        overrun[second + 8 + 13] = 0x10;
        CaptureReader o = CaptureReader.of(overrun);
        assertThat(readAll(o)).hasSize(1);
        assertThat(o.endProblem()).startsWith("packet overruns its block");
    }

    @Test
    void pcapngWithABadByteOrderMagicIsNotACapture() {
        byte[] file = HexFormat.of().parseHex("0a0d0d0a1c00000011223344010000000000000000000000" + "1c000000");
        assertThatThrownBy(() -> CaptureReader.of(file)).isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("byte-order magic");
    }

    // ---- large files ---------------------------------------------------------------------------

    @Test
    void recordsBeyondTwoGibibytesAreRead() throws Exception {
        Path file = dir.resolve("big.pcap");
        long gib = 1L << 30;
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.getFileStore(dir).getUsableSpace() > 4 * gib,
                "needs room for a sparse 2.2 GiB file");
        try (var raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            byte[] header = Arrays.copyOf(pcap(127, false, ByteOrder.LITTLE_ENDIAN, A), 24 + 16 + A.length);
            raf.write(header);
            long pos = header.length;
            // two 1 GiB records whose bytes are never written (a sparse hole)
            for (int i = 0; i < 2; i++) {
                raf.seek(pos);
                raf.write(recordHeader(2, (int) gib));
                pos += 16 + gib;
            }
            raf.seek(pos);
            raf.write(recordHeader(3, B.length));
            raf.write(B);
            pos += 16 + B.length;
            raf.setLength(pos);
        }
        try (CaptureReader r = CaptureReader.open(file)) {
            assertThat(r.size()).isGreaterThan(2 * gib);
            List<Long> offsets = new ArrayList<>();
            byte[] last = null;
            while (r.next()) {
                offsets.add(r.record().dataOffset());
                if (r.record().capturedLength() < 100) {
                    last = r.record().segment().asSlice(r.record().dataOffset(), r.record().capturedLength())
                            .toArray(ValueLayout.JAVA_BYTE);
                }
            }
            assertThat(offsets).hasSize(4);
            assertThat(offsets.get(3)).isGreaterThan(Integer.MAX_VALUE);
            assertThat(last).isEqualTo(B);
            assertThat(r.record().timestampNanos()).isEqualTo(3_000_000_000L);
            assertThat(r.endProblem()).isNull();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static byte[] recordHeader(int seconds, int length) {
        return java.nio.ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(seconds).putInt(0).putInt(length).putInt(length).array();
    }
}
