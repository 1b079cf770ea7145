package io.sentinel.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The end-to-end ingest benchmark really sends, stores and reads back what it reports (a small run). */
class EndToEndIngestTest {

    @TempDir Path data;

    @Test
    void everySignedBatchIsAcceptedAndItsLastItemBecomesQueryable() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        EndToEndIngest.Result r = EndToEndIngest.run(data, 2, 3, 20, new PrintStream(log, true));
        assertThat(r.records()).isEqualTo(2L * 3 * 20);
        assertThat(r.requests()).isEqualTo(6);
        assertThat(r.seconds()).isGreaterThanOrEqualTo(r.acceptSeconds()).isPositive();
        assertThat(r.p50Ms()).isLessThanOrEqualTo(r.p99Ms());
        assertThat(log.toString()).contains("schema at version"); // run() throws if any batch is refused or never readable
    }
}
