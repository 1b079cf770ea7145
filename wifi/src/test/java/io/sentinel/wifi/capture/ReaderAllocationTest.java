package io.sentinel.wifi.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.wifi.radio.MutableRadio;
import io.sentinel.wifi.radio.RadiotapBuilder;
import io.sentinel.wifi.radio.RadiotapDecoder;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The read path is a flyweight walk over the mapped file: no allocation per record. */
class ReaderAllocationTest {

    static final int RECORDS = 20_000;

    @Test
    void readingPcapngAndDecodingRadiotapAllocatesNothingPerRecord() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[][] headers = {
            new RadiotapBuilder().flags(0x10).rate(2).channel(2437).antennaSignal(-40).antenna(1).rxFlags(0).build(),
            new RadiotapBuilder().tsft(99).flags(0).channel(5180).antennaSignal(-60).radiotapNamespace()
                    .antennaSignal(-61).antenna(0).build(),
            new RadiotapBuilder().channel(2412).vendorNamespace(0x001122, 1, 1, new byte[5]).antennaSignal(-50).build(),
        };
        try (PcapngWriter w = PcapngWriter.create(bytes, ByteOrder.BIG_ENDIAN)) {
            w.addInterface(127, PcapngWriter.TSRESOL_NSEC, 0, 4);
            w.addInterface(127, 0x80 | 20, 10, -1);
            for (int i = 0; i < RECORDS; i++) w.writePacket(i & 1, 1_700_000_000_000_000_000L + i, headers[i % 3]);
        }
        byte[] file = bytes.toByteArray();
        MutableRadio radio = new MutableRadio();
        long sum = 0;
        for (int round = 0; round < 5; round++) sum += walk(file, radio); // warm up the JIT
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int round = 0; round < 5; round++) sum += walk(file, radio);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(sum).isNotZero();
        // five readers (a few hundred bytes each) and nothing per record
        assertThat(allocated).as("bytes allocated for %d records", 5 * RECORDS).isLessThan(16_384);
    }

    private static long walk(byte[] file, MutableRadio radio) throws CaptureFormatException {
        CaptureReader r = CaptureReader.of(file);
        long sum = 0;
        while (r.next()) {
            MutableCaptureRecord rec = r.record();
            radio.reset();
            int h = RadiotapDecoder.decode(rec.segment(), rec.dataOffset(), rec.capturedLength(), radio);
            sum += h + radio.freqMhz() + radio.signalDbm() + rec.timestampNanos();
        }
        return sum;
    }
}
