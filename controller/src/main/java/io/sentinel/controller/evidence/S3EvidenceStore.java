package io.sentinel.controller.evidence;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Evidence in S3-compatible object storage through the AWS SDK for Java v2 (MinIO in compose):
 * path-style addressing (MinIO and most self-hosted servers have no per-bucket host names), the
 * JDK's URL connection as HTTP client (no Netty or Apache stack for a few requests a minute),
 * checksums only where the protocol requires them (servers other than AWS do not all take the
 * SDK's default trailing CRC). Each object carries its SHA-256 as user metadata
 * ({@code x-amz-meta-sha256}) and a Content-MD5 the server checks on receipt.
 */
public final class S3EvidenceStore implements EvidenceStore {
    private final S3Client s3;
    private final String bucket;
    private final URI endpoint;

    public S3EvidenceStore(URI endpoint, String bucket, String accessKeyId, String secretAccessKey) {
        this.endpoint = endpoint;
        this.bucket = bucket;
        this.s3 = S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1) // MinIO's default; the signature needs one
                .forcePathStyle(true)
                // a plain body with its SHA-256 signed, not the SDK's aws-chunked framing (its default
                // over http://): S3-compatible servers that do not decode aws-chunked (s3rver, older
                // Ceph and MinIO gateways) would store the chunk headers as part of the pcapng
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30)))
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(60)))
                .build();
    }

    @Override
    public void put(String key, byte[] bytes, String sha256Hex) throws UnavailableException {
        try {
            byte[] md5 = java.security.MessageDigest.getInstance("MD5").digest(bytes);
            s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/x-pcapng")
                    .contentMD5(Base64.getEncoder().encodeToString(md5))
                    .metadata(java.util.Map.of("sha256", sha256Hex)), RequestBody.fromBytes(bytes));
        } catch (SdkException | java.security.NoSuchAlgorithmException e) {
            throw new UnavailableException("object store " + endpoint + " refused evidence " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(String key) throws UnavailableException {
        try {
            return s3.getObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw new UnavailableException("object store " + endpoint + " cannot give evidence " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String key) throws UnavailableException {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            // already gone
        } catch (SdkException e) {
            throw new UnavailableException("object store " + endpoint + " cannot delete evidence " + key + ": " + e.getMessage(), e);
        }
    }

    /** Whether the bucket exists and the keys work (readiness, startup message). */
    public boolean bucketReachable() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
            return true;
        } catch (SdkException e) {
            return false;
        }
    }

    @Override
    public String describe() { return "s3 " + endpoint + " bucket " + bucket; }

    @Override
    public void close() { s3.close(); }

    static String hex(byte[] b) { return HexFormat.of().formatHex(b); }
}
