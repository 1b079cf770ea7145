package io.sentinel.sensor.state;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The sensor's state directory (default {@code /var/lib/sentinel-sensor} for the service,
 * {@code $SENTINEL_DATA_DIR/sensor} otherwise), mode 0700:
 *
 * <ul>
 *   <li>{@code sensor.properties}: controller URL, sensor id, key epoch (no secret);</li>
 *   <li>{@code sensor.key}: the sensor's signing key, 64 hex characters, mode 0600;</li>
 *   <li>{@code privacy.key}: the random key of MAC pseudonymisation, mode 0600, created on first
 *       use and kept, so that pseudonyms are stable across restarts;</li>
 *   <li>{@code spool/}: the telemetry spool.</li>
 * </ul>
 *
 * Secret files are created with their final permissions before any byte is written, replaced
 * atomically, and never logged.
 */
public final class SensorState {
    private static final Set<PosixFilePermission> OWNER_RW = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_RWX = PosixFilePermissions.fromString("rwx------");
    private static final HexFormat HEX = HexFormat.of();

    private final Path dir;

    private SensorState(Path dir) {
        this.dir = dir;
    }

    /** Opens (creating with mode 0700 if needed) a state directory. */
    public static SensorState open(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            try {
                Files.setPosixFilePermissions(dir, OWNER_RWX);
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: nothing more we can do
            }
        }
        return new SensorState(dir);
    }

    public Path directory() { return dir; }

    public Path spoolDirectory() { return dir.resolve("spool"); }

    /** The evidence spool: pcapng files waiting for the controller, bounded apart from telemetry. */
    public Path evidenceSpoolDirectory() { return dir.resolve("evidence-spool"); }

    /** What enrolment recorded. */
    public record Enrolment(URI controller, String sensorId, long keyEpoch) {}

    /** Stores the result of enrolment: the key in {@code sensor.key} (0600), the rest in {@code sensor.properties}. */
    public void saveEnrolment(URI controller, String sensorId, long keyEpoch, String keyHex) throws IOException {
        byte[] key = HEX.parseHex(keyHex);
        if (key.length != 32) throw new IOException("the controller returned a key of " + key.length + " bytes, expected 32");
        writeSecret("sensor.key", (HEX.formatHex(key) + "\n").getBytes(StandardCharsets.US_ASCII));
        Properties p = new Properties();
        p.setProperty("controller", controller.toString());
        p.setProperty("sensor_id", sensorId);
        p.setProperty("key_epoch", Long.toString(keyEpoch));
        Path tmp = dir.resolve("sensor.properties.tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "written by sentinel sensor enroll; the key is in sensor.key");
        }
        Files.move(tmp, dir.resolve("sensor.properties"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public Optional<Enrolment> enrolment() throws IOException {
        Path f = dir.resolve("sensor.properties");
        if (!Files.exists(f)) return Optional.empty();
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return Optional.of(new Enrolment(URI.create(p.getProperty("controller", "")), p.getProperty("sensor_id", ""),
                Long.parseLong(p.getProperty("key_epoch", "1"))));
    }

    /** The signing key, if enrolled. */
    public Optional<byte[]> sensorKey() throws IOException {
        Path f = dir.resolve("sensor.key");
        if (!Files.exists(f)) return Optional.empty();
        String text = Files.readString(f, StandardCharsets.US_ASCII).strip();
        try {
            byte[] k = HEX.parseHex(text);
            if (k.length != 32) throw new IOException(f + ": not a 32-byte key");
            return Optional.of(k);
        } catch (IllegalArgumentException e) {
            throw new IOException(f + ": not a hex key");
        }
    }

    /** The pseudonymisation key: loaded, or created (32 random bytes) on first use. */
    public byte[] privacyKey() throws IOException {
        Path f = dir.resolve("privacy.key");
        if (!Files.exists(f)) {
            byte[] k = new byte[32];
            new SecureRandom().nextBytes(k);
            try {
                createSecret(f, (HEX.formatHex(k) + "\n").getBytes(StandardCharsets.US_ASCII));
            } catch (FileAlreadyExistsException e) {
                // another process created it first: use theirs
            }
        }
        byte[] k = HEX.parseHex(Files.readString(f, StandardCharsets.US_ASCII).strip());
        if (k.length < 16) throw new IOException(f + ": key too short");
        return k;
    }

    private void writeSecret(String name, byte[] content) throws IOException {
        Path tmp = dir.resolve(name + ".tmp");
        Files.deleteIfExists(tmp);
        createSecret(tmp, content);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Creates a file that is 0600 from its first byte (no window where others could read it). */
    private static void createSecret(Path f, byte[] content) throws IOException {
        try (FileChannel ch = FileChannel.open(f, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(OWNER_RW))) {
            ch.write(ByteBuffer.wrap(content));
            ch.force(true);
        }
    }
}
