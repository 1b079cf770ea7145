package io.sentinel.sensor.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelemetrySpoolTest {

    @TempDir Path dir;

    private static final SpoolOptions SMALL = new SpoolOptions(4096, 64 * 1024, FsyncPolicy.ALWAYS, Duration.ZERO);

    private static byte[] body(int i) {
        return ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> drain(TelemetrySpool spool) throws IOException {
        List<String> out = new ArrayList<>();
        while (true) {
            var e = spool.peek();
            if (e.isEmpty()) return out;
            out.add(new String(e.get().body(), StandardCharsets.UTF_8));
            assertThat(spool.ack(e.get().position())).isTrue();
        }
    }

    private Path onlySegment() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".spool")).sorted().reduce((a, b) -> b).orElseThrow();
        }
    }

    @Test
    void recordsComeBackInOrderWithTheirBatchIdsAndAreGoneOnceAcknowledged() throws IOException {
        try (var spool = TelemetrySpool.open(dir, SMALL)) {
            for (int i = 0; i < 5; i++) spool.append(SpoolEntry.KIND_TELEMETRY, "batch-" + i, body(i));
            assertThat(spool.pendingRecords()).isEqualTo(5);
            var first = spool.peek().orElseThrow();
            assertThat(first.batchId()).isEqualTo("batch-0");
            assertThat(first.kind()).isEqualTo(SpoolEntry.KIND_TELEMETRY);
            // peeking again without ack returns the same record: a retry resends the same batch
            assertThat(spool.peek().orElseThrow()).usingRecursiveComparison().isEqualTo(first);
            assertThat(drain(spool)).containsExactly("{\"n\":0}", "{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}");
            assertThat(spool.pendingRecords()).isZero();
        }
    }

    @Test
    void restartResumesAfterTheLastAcknowledgedRecord() throws IOException {
        try (var spool = TelemetrySpool.open(dir, SMALL)) {
            for (int i = 0; i < 3; i++) spool.append(SpoolEntry.KIND_ALERTS, "b" + i, body(i));
            spool.ack(spool.peek().orElseThrow().position());
        }
        try (var spool = TelemetrySpool.open(dir, SMALL)) {
            assertThat(spool.recovery().clean()).isTrue();
            assertThat(spool.pendingRecords()).isEqualTo(2);
            assertThat(spool.peek().orElseThrow().batchId()).isEqualTo("b1");
            spool.append(SpoolEntry.KIND_ALERTS, "b3", body(3));
            assertThat(drain(spool)).containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
        }
    }

    @Test
    void tornTailIsCutOffAndReportedAndTheSpoolKeepsWorking() throws IOException {
        try (var spool = TelemetrySpool.open(dir, SMALL)) {
            for (int i = 0; i < 3; i++) spool.append(SpoolEntry.KIND_TELEMETRY, "b" + i, body(i));
        }
        Path seg = onlySegment();
        long size = Files.size(seg);
        try (var f = new RandomAccessFile(seg.toFile(), "rw")) {
            f.setLength(size - 3); // power cut in the middle of the last record
        }
        try (var spool = TelemetrySpool.open(dir, SMALL)) {
            var r = spool.recovery();
            assertThat(r.clean()).isFalse();
            assertThat(r.damage()).hasSize(1);
            assertThat(r.damage().getFirst().reason()).contains("torn record");
            assertThat(spool.pendingRecords()).isEqualTo(2);
            spool.append(SpoolEntry.KIND_TELEMETRY, "b9", body(9));
            assertThat(drain(spool)).containsExactly("{\"n\":0}", "{\"n\":1}", "{\"n\":9}");
        }
        try (var spool = TelemetrySpool.open(dir, SMALL)) {
            assertThat(spool.recovery().clean()).isTrue();
        }
    }

    @Test
    void tornHeaderIsDetected() throws IOException {
        try (var spool = TelemetrySpool.open(dir, SMALL)) {
            spool.append(SpoolEntry.KIND_TELEMETRY, "b0", body(0));
        }
        Files.write(onlySegment(), new byte[] {0, 0, 1}, java.nio.file.StandardOpenOption.APPEND);
        try (var spool = TelemetrySpool.open(dir, SMALL)) {
            assertThat(spool.recovery().damage()).singleElement()
                    .satisfies(d -> assertThat(d.reason()).isEqualTo("torn record header"))
                    .satisfies(d -> assertThat(d.discardedBytes()).isEqualTo(3));
            assertThat(drain(spool)).containsExactly("{\"n\":0}");
        }
    }

    @Test
    void corruptRecordIsDetectedByItsChecksum() throws IOException {
        try (var spool = TelemetrySpool.open(dir, SMALL)) {
            for (int i = 0; i < 3; i++) spool.append(SpoolEntry.KIND_TELEMETRY, "b" + i, body(i));
        }
        Path seg = onlySegment();
        byte[] bytes = Files.readAllBytes(seg);
        bytes[bytes.length - 2] ^= 0x40; // flip one bit in the body of the last record
        Files.write(seg, bytes);
        try (var spool = TelemetrySpool.open(dir, SMALL)) {
            assertThat(spool.recovery().damage()).singleElement()
                    .satisfies(d -> assertThat(d.reason()).isEqualTo("checksum mismatch"));
            assertThat(drain(spool)).containsExactly("{\"n\":0}", "{\"n\":1}");
        }
    }

    @Test
    void sizeBoundDropsTheOldestSegmentsFirstAndCountsTheLostRecords() throws IOException {
        byte[] big = new byte[1000];
        try (var spool = TelemetrySpool.open(dir, SMALL)) {
            for (int i = 0; i < 200; i++) {
                big[0] = (byte) i;
                spool.append(SpoolEntry.KIND_TELEMETRY, "b" + i, big);
            }
            assertThat(spool.sizeBytes()).isLessThanOrEqualTo(SMALL.maxTotalBytes());
            assertThat(spool.droppedRecords()).isPositive();
            assertThat(spool.droppedRecords() + spool.pendingRecords()).isEqualTo(200);
            // the survivors are the newest records, in order
            var first = spool.peek().orElseThrow();
            assertThat(first.batchId()).isEqualTo("b" + spool.droppedRecords());
        }
        try (var spool = TelemetrySpool.open(dir, SMALL)) {
            long pending = spool.pendingRecords();
            assertThat(pending).isBetween(1L, 200L);
            int n = 0;
            String last = null;
            while (true) {
                var e = spool.peek();
                if (e.isEmpty()) break;
                last = e.get().batchId();
                spool.ack(e.get().position());
                n++;
            }
            assertThat(n).isEqualTo(pending);
            assertThat(last).isEqualTo("b199");
        }
    }

    @Test
    void acknowledgedSegmentsAreDeletedAndAckOfAStalePositionIsRefused() throws IOException {
        byte[] big = new byte[1500];
        try (var spool = TelemetrySpool.open(dir, SMALL)) {
            for (int i = 0; i < 10; i++) spool.append(SpoolEntry.KIND_TELEMETRY, "b" + i, big);
            var first = spool.peek().orElseThrow();
            assertThat(spool.ack(first.position())).isTrue();
            assertThat(spool.ack(first.position())).isFalse();
            while (spool.peek().isPresent()) spool.ack(spool.peek().get().position());
            try (Stream<Path> s = Files.list(dir)) {
                assertThat(s.filter(p -> p.toString().endsWith(".spool")).count()).isEqualTo(1);
            }
        }
    }

    @Test
    void unreadableCommittedFileResendsFromTheOldestRecordAndSaysSo() throws IOException {
        try (var spool = TelemetrySpool.open(dir, SMALL)) {
            for (int i = 0; i < 2; i++) spool.append(SpoolEntry.KIND_TELEMETRY, "b" + i, body(i));
            spool.ack(spool.peek().orElseThrow().position());
        }
        Files.writeString(dir.resolve("committed"), "garbage");
        try (var spool = TelemetrySpool.open(dir, SMALL)) {
            assertThat(spool.recovery().committedNote()).contains("resending");
            assertThat(spool.pendingRecords()).isEqualTo(2);
        }
    }
}
