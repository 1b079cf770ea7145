package io.sentinel.app.frames;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.wifi.FrameDecoder;
import io.sentinel.wifi.capture.CaptureReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading, decoding and writing JSON Lines allocates nothing per frame once the JIT has warmed up. */
class FramesAllocationTest {

    @TempDir Path dir;

    @Test
    void decodeAndJsonAllocateNothingPerFrame() throws Exception {
        Path file = dir.resolve("mix.pcap");
        int n = TsharkCrossCheckIT.writeCapture(file, 12_000);
        FrameDecoder decoder = new FrameDecoder();
        JsonLineWriter json = new JsonLineWriter(OutputStream.nullOutputStream());
        try (CaptureReader reader = CaptureReader.open(file)) {
            for (int round = 0; round < 6; round++) pass(reader, decoder, json);
            var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = threads.getCurrentThreadAllocatedBytes();
            long frames = 0;
            for (int round = 0; round < 3; round++) frames += pass(reader, decoder, json);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertThat(frames).isEqualTo(3L * n);
            assertThat(allocated).as("bytes allocated for %d frames", frames).isLessThan(32_768);
        }
    }

    private static long pass(CaptureReader file, FrameDecoder decoder, JsonLineWriter json) throws Exception {
        CaptureReader r = CaptureReader.of(file.segment());
        long frames = 0;
        while (r.next()) {
            FrameJson.write(decoder.decode(r.record()), r.timestampDigits(), json);
            frames++;
        }
        return frames;
    }
}
