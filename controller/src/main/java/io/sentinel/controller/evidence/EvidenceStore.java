package io.sentinel.controller.evidence;

import java.io.InputStream;

/**
 * Where evidence files lie: S3-compatible object storage in production ({@link S3EvidenceStore}),
 * a directory on the embedded defaults ({@link DirectoryEvidenceStore}). Keys come from
 * {@code store.evidence.EvidenceKeys}, never from a client.
 */
public interface EvidenceStore extends AutoCloseable {

    /** The store cannot be reached or refused the operation; the caller answers 503 and the sensor retries. */
    final class UnavailableException extends Exception {
        public UnavailableException(String message, Throwable cause) { super(message, cause); }
    }

    /** Writes (or overwrites) an object. */
    void put(String key, byte[] bytes, String sha256Hex) throws UnavailableException;

    /** Opens an object for reading; the caller closes the stream. */
    InputStream open(String key) throws UnavailableException;

    /** Deletes an object; a missing one is not an error. */
    void delete(String key) throws UnavailableException;

    /** Where it stores, for logs (never a secret). */
    String describe();

    @Override
    default void close() { }
}
