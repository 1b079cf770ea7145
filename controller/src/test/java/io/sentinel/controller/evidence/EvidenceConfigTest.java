package io.sentinel.controller.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.controller.config.ConfigException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvidenceConfigTest {
    static final Path DATA = Path.of("/var/lib/sentinel");

    @Test
    void withoutS3VariablesEvidenceGoesToTheDataDirectoryWithDocumentedDefaults() {
        EvidenceConfig c = EvidenceConfig.load(Map.of(), DATA);
        assertThat(c.s3()).isEmpty();
        assertThat(c.directory()).isEqualTo(DATA.resolve("evidence"));
        assertThat(c.retentionDays()).isEqualTo(30);
        assertThat(c.sensorQuotaBytes()).isEqualTo(1024L << 20);
        assertThat(c.maxUploadBytes()).isEqualTo(16L << 20);
    }

    @Test
    void allFourS3VariablesSelectObjectStorageAndTheSecretIsNeverShown() {
        EvidenceConfig c = EvidenceConfig.load(Map.of("S3_ENDPOINT", "http://minio:9000", "S3_BUCKET", "sentinel-evidence",
                "S3_ACCESS_KEY_ID", "app", "S3_SECRET_ACCESS_KEY", "very-secret-value", "PCAP_RETENTION_DAYS", "7"), DATA);
        assertThat(c.s3()).isPresent();
        assertThat(c.retentionDays()).isEqualTo(7);
        assertThat(c.toString()).doesNotContain("very-secret-value");
    }

    @Test
    void someButNotAllS3VariablesAreRefusedNamingTheMissingOnes() {
        assertThatThrownBy(() -> EvidenceConfig.load(Map.of("S3_ENDPOINT", "http://minio:9000", "S3_BUCKET", "b-1"), DATA))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).anySatisfy(p ->
                        assertThat(p).contains("S3_ACCESS_KEY_ID").contains("S3_SECRET_ACCESS_KEY")));
        assertThatThrownBy(() -> EvidenceConfig.load(Map.of("PCAP_RETENTION_DAYS", "0"), DATA)).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> EvidenceConfig.load(Map.of("S3_ENDPOINT", "ftp://x", "S3_BUCKET", "Bad_Bucket",
                "S3_ACCESS_KEY_ID", "a", "S3_SECRET_ACCESS_KEY", "b"), DATA)).isInstanceOf(ConfigException.class);
    }
}
