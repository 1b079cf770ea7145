package io.sentinel.controller.evidence;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The controller's evidence backend: the store and its configuration, opened by the caller
 * ({@code sentinel controller}, {@code sentinel up}) and closed by it.
 */
public record EvidenceStorage(EvidenceStore store, EvidenceConfig config) implements AutoCloseable {

    /** Without storage: uploads are answered 503 (sensors keep their files), lists are empty. */
    public static EvidenceStorage unconfigured() {
        EvidenceStore none = new EvidenceStore() {
            @Override
            public void put(String key, byte[] bytes, String sha256Hex) throws UnavailableException {
                throw new UnavailableException("evidence storage is not configured", null);
            }

            @Override
            public InputStream open(String key) throws UnavailableException {
                throw new UnavailableException("evidence storage is not configured", null);
            }

            @Override
            public void delete(String key) throws UnavailableException {
                throw new UnavailableException("evidence storage is not configured", null);
            }

            @Override
            public String describe() { return "none"; }
        };
        return new EvidenceStorage(none, new EvidenceConfig(Optional.empty(), Path.of("evidence"),
                EvidenceConfig.DEFAULT_RETENTION_DAYS, EvidenceConfig.DEFAULT_QUOTA_MB << 20, EvidenceConfig.DEFAULT_MAX_UPLOAD_BYTES,
                Duration.ZERO));
    }

    @Override
    public void close() throws Exception {
        store.close();
    }
}
