package io.sentinel.controller.evidence;

import io.sentinel.controller.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where evidence goes and how long it stays, from the environment (names of ARCHITECTURE.md):
 * {@code S3_ENDPOINT} {@code S3_BUCKET} {@code S3_ACCESS_KEY_ID} {@code S3_SECRET_ACCESS_KEY}
 * all set: object storage; none set: {@code SENTINEL_DATA_DIR/evidence}; some set: refused,
 * naming the missing ones. {@code PCAP_RETENTION_DAYS} (default {@value #DEFAULT_RETENTION_DAYS}),
 * {@code PCAP_SENSOR_QUOTA_MB} (default {@value #DEFAULT_QUOTA_MB}) and
 * {@code CONTROLLER_MAX_EVIDENCE_BYTES} (default 16 MiB). {@link #toString()} shows no secret.
 */
public record EvidenceConfig(Optional<S3> s3, Path directory, int retentionDays, long sensorQuotaBytes, long maxUploadBytes,
        Duration retentionInterval) {

    public static final String S3_ENDPOINT = "S3_ENDPOINT";
    public static final String S3_BUCKET = "S3_BUCKET";
    public static final String S3_ACCESS_KEY_ID = "S3_ACCESS_KEY_ID";
    public static final String S3_SECRET_ACCESS_KEY = "S3_SECRET_ACCESS_KEY";
    public static final String PCAP_RETENTION_DAYS = "PCAP_RETENTION_DAYS";
    public static final String PCAP_SENSOR_QUOTA_MB = "PCAP_SENSOR_QUOTA_MB";
    public static final String CONTROLLER_MAX_EVIDENCE_BYTES = "CONTROLLER_MAX_EVIDENCE_BYTES";
    public static final int DEFAULT_RETENTION_DAYS = 30;
    public static final long DEFAULT_QUOTA_MB = 1024;
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 16L << 20;

    /** Object storage coordinates; the secret is never shown. */
    public record S3(URI endpoint, String bucket, String accessKeyId, String secretAccessKey) {
        @Override
        public String toString() { return "S3[" + endpoint + ", bucket " + bucket + "]"; }
    }

    public static EvidenceConfig load(Map<String, String> env, Path dataDir) {
        List<String> problems = new ArrayList<>();
        List<String> names = List.of(S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY);
        List<String> missing = names.stream().filter(n -> value(env, n).isEmpty()).toList();
        Optional<S3> s3 = Optional.empty();
        if (missing.size() < names.size() && !missing.isEmpty()) {
            problems.add(String.join(", ", missing) + " must be set with the other S3_* variables (or none of them, for a local directory)");
        } else if (missing.isEmpty()) {
            String endpoint = value(env, S3_ENDPOINT).orElseThrow();
            try {
                URI uri = new URI(endpoint);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                    problems.add(S3_ENDPOINT + " must be an http or https URL with a host");
                } else {
                    s3 = Optional.of(new S3(uri, value(env, S3_BUCKET).orElseThrow(), value(env, S3_ACCESS_KEY_ID).orElseThrow(),
                            value(env, S3_SECRET_ACCESS_KEY).orElseThrow()));
                }
            } catch (URISyntaxException e) {
                problems.add(S3_ENDPOINT + " is not a valid URL");
            }
            if (!value(env, S3_BUCKET).orElse("").matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]"))
                problems.add(S3_BUCKET + " must be an S3 bucket name (3-63 lower-case letters, digits, dots, hyphens)");
        }
        int days = (int) number(env, PCAP_RETENTION_DAYS, DEFAULT_RETENTION_DAYS, 1, 36_500, problems);
        long quota = number(env, PCAP_SENSOR_QUOTA_MB, DEFAULT_QUOTA_MB, 1, 100_000_000, problems);
        long max = number(env, CONTROLLER_MAX_EVIDENCE_BYTES, DEFAULT_MAX_UPLOAD_BYTES, 4096, 1L << 30, problems);
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return new EvidenceConfig(s3, dataDir.resolve("evidence"), days, quota << 20, max, Duration.ofHours(1));
    }

    /** Opens the store this configuration names. */
    public EvidenceStore openStore() {
        if (s3.isPresent()) {
            S3 s = s3.get();
            return new S3EvidenceStore(s.endpoint(), s.bucket(), s.accessKeyId(), s.secretAccessKey());
        }
        try {
            return new DirectoryEvidenceStore(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the evidence directory " + directory, e);
        }
    }

    public EvidenceConfig withRetentionInterval(Duration d) {
        return new EvidenceConfig(s3, directory, retentionDays, sensorQuotaBytes, maxUploadBytes, d);
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    private static long number(Map<String, String> env, String name, long def, long min, long max, List<String> problems) {
        Optional<String> v = value(env, name);
        if (v.isEmpty()) return def;
        try {
            long n = Long.parseLong(v.get());
            if (n < min || n > max) {
                problems.add(name + " must be between " + min + " and " + max);
                return def;
            }
            return n;
        } catch (NumberFormatException e) {
            problems.add(name + " must be a whole number");
            return def;
        }
    }
}
