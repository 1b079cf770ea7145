package io.sentinel.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** The end-to-end ingest benchmark really sends, stores and reads back what it reports (a small run). */
class EndToEndIngestTest {

    @TempDir Path data;

    @ParameterizedTest
    @ValueSource(strings = {"inprocess", "redis"})
    void everySignedBatchIsAcceptedStoredOnceAndQueryable(String queue) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        EndToEndIngest.Result r = EndToEndIngest.run(data, new EndToEndIngest.Options(2, 3, 20, 2, 2, queue, 2, queue.equals("redis") ? 2_000 : 0),
                new PrintStream(log, true));
        assertThat(r.records()).isEqualTo(2L * 3 * 20);
        // the table was emptied after the warm-up and the reference: exactly the measured rows, once each
        assertThat(r.storedRows()).isEqualTo(r.records());
        assertThat(r.requests()).isEqualTo(6);
        if (r.offeredRate() > 0) {
            // open loop: 6 batches of 20 records at 2,000 records/s are due over 40 ms, none before its time
            assertThat(r.acceptSeconds()).isGreaterThanOrEqualTo(0.04);
        }
        assertThat(r.rawCopyRowsPerSecond()).isPositive();
        assertThat(r.cpu().jvm()).isPositive();
        assertThat(r.seconds()).isGreaterThanOrEqualTo(r.acceptSeconds()).isPositive();
        assertThat(r.p50Ms()).isLessThanOrEqualTo(r.p99Ms());
        assertThat(log.toString()).contains("schema at version"); // run() throws if any batch is refused or never readable
    }
}
