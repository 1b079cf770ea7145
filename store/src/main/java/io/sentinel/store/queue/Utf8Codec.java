package io.sentinel.store.queue;

import io.lettuce.core.codec.RedisCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Keys and values as UTF-8 text, encoded with {@link String#getBytes} and copied into the
 * command buffer in one piece.
 *
 * <p>Lettuce's own {@code StringCodec} writes a string straight into the connection's direct
 * buffer, which netty does one byte at a time on this JDK (each byte a bounds-checked
 * {@code DirectByteBuffer.put}): for a queue entry carrying a 150 kB telemetry batch that was 6 %
 * of the JVM's samples on the Redis ingest path. {@code getBytes} of an ASCII string is an array
 * copy, and netty copies a heap buffer into a direct one with a bulk copy.
 */
final class Utf8Codec implements RedisCodec<String, String> {
    static final Utf8Codec INSTANCE = new Utf8Codec();

    private Utf8Codec() {}

    @Override
    public String decodeKey(ByteBuffer bytes) {
        return decode(bytes);
    }

    @Override
    public String decodeValue(ByteBuffer bytes) {
        return decode(bytes);
    }

    @Override
    public ByteBuffer encodeKey(String key) {
        return encode(key);
    }

    @Override
    public ByteBuffer encodeValue(String value) {
        return encode(value);
    }

    private static ByteBuffer encode(String s) {
        return ByteBuffer.wrap(s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(ByteBuffer bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.hasArray()) {
            return new String(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining(), StandardCharsets.UTF_8);
        }
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        return new String(copy, StandardCharsets.UTF_8);
    }
}
