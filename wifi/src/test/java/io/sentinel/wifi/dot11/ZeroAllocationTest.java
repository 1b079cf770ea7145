package io.sentinel.wifi.dot11;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.wifi.build.ByteRecord;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The hot path (decode + the accessors detectors use) allocates nothing per frame. */
class ZeroAllocationTest {

    @Test
    void decodingAndReadingFramesAllocatesNothingPerFrame() {
        var corpus = RobustnessTest.corpus();
        var records = corpus.stream().map(ByteRecord::dot11).toArray(ByteRecord[]::new);
        MemorySegment[] segs = java.util.Arrays.stream(records).map(ByteRecord::segment).toArray(MemorySegment[]::new);
        var f = new DecodedFrame();
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int round = 0; round < 3; round++) { // warm up, then measure the last round
            long before = mx.getCurrentThreadAllocatedBytes();
            for (int n = 0; n < 200_000; n++) {
                int i = n % segs.length;
                f.reset(records[i]);
                Dot11Decoder.decode(segs[i], 0, (int) segs[i].byteSize(), false, f);
                sink += f.bssid() + f.sequence() + f.elements().ssidHash() + f.elements().count() + f.channel()
                        + f.security().strength() + f.eapolKey().message() + f.eapolKey().nonceHash() + f.ccmpPacketNumber();
            }
            long allocated = mx.getCurrentThreadAllocatedBytes() - before;
            if (round == 2) assertThat(allocated).as("bytes allocated for 200k frames").isLessThan(200_000);
        }
        assertThat(sink).isNotZero();
    }
}
