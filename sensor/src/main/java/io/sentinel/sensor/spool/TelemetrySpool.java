package io.sentinel.sensor.spool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The sensor's durable outbox: an append-only log of records in segment files
 * ({@code segment-<n>.spool}) that survives crashes, restarts and long controller outages.
 *
 * <p>Each record on disk is {@code [length u32][crc32c u32][payload]}, big-endian, where the
 * CRC-32C covers the four length bytes and the payload. The payload is
 * {@code [kind u8][created millis i64][batch id length u8][batch id ASCII][body]}.
 *
 * <p>Durability: {@link FsyncPolicy} decides how often appends are forced to the disk, so a
 * power cut loses at most the unsynced tail. On {@link #open}, every segment is scanned; a record
 * that is cut short (torn write) or whose checksum does not match ends the segment: the rest of
 * that file is truncated and reported in {@link #recovery()}.
 *
 * <p>Delivery: the uplink reads the oldest unacknowledged record with {@link #peek()} and, once
 * the controller accepted it, calls {@link #ack}, which advances a committed position persisted
 * in the file {@code committed} (written to a temporary file, forced and renamed). Segments wholly
 * before the committed position are deleted. A crash between sending and committing resends the
 * record with the same batch id, which the controller recognises as a duplicate.
 *
 * <p>Bound: when the segments together exceed {@link SpoolOptions#maxTotalBytes()}, the oldest
 * segment is deleted even if not yet delivered, and its undelivered records are counted in
 * {@link #droppedRecords()}.
 *
 * <p>Thread-safe: one producer (the pipeline) and one consumer (the uplink) share it.
 */
public final class TelemetrySpool implements AutoCloseable {

    private static final Pattern SEGMENT_NAME = Pattern.compile("segment-(\\d{20})\\.spool");
    private static final int HEADER = 8;
    private static final String COMMITTED = "committed";

    private final Path dir;
    private final SpoolOptions options;
    private final Clock clock;
    private final ArrayDeque<Segment> segments = new ArrayDeque<>();
    private final SpoolRecovery recovery;

    private FileChannel tailChannel;
    private FileChannel readChannel;
    private long readChannelSegment = -1;
    private SpoolPosition committed;
    /** Records of the head segment that lie before the committed position. */
    private long ackedInHead;
    private long totalRecords;
    private long totalBytes;
    private long droppedRecords;
    private long droppedSegments;
    private long lastForceNanos = System.nanoTime();
    private boolean dirty;
    private boolean closed;

    private static final class Segment {
        final long number;
        final Path path;
        long size;
        long records;

        Segment(long number, Path path) {
            this.number = number;
            this.path = path;
        }
    }

    private TelemetrySpool(Path dir, SpoolOptions options, Clock clock) throws IOException {
        this.dir = dir;
        this.options = options;
        this.clock = clock;
        Files.createDirectories(dir);
        List<SpoolRecovery.Damage> damage = new ArrayList<>();
        List<Long> numbers = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(p -> {
                Matcher m = SEGMENT_NAME.matcher(p.getFileName().toString());
                if (m.matches()) numbers.add(Long.parseLong(m.group(1)));
            });
        }
        numbers.sort(null);
        for (long n : numbers) {
            Segment s = new Segment(n, segmentPath(n));
            scan(s, damage);
            segments.add(s);
            totalRecords += s.records;
            totalBytes += s.size;
        }
        if (segments.isEmpty()) {
            Segment s = new Segment(1, segmentPath(1));
            Files.write(s.path, new byte[0]);
            segments.add(s);
        }
        String note = loadCommitted();
        tailChannel = FileChannel.open(segments.peekLast().path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        this.recovery = new SpoolRecovery(segments.size(), pendingRecords(), List.copyOf(damage), note);
        advancePastConsumedSegments();
    }

    /** Opens (creating if needed) the spool in {@code dir}, repairing a damaged tail. */
    public static TelemetrySpool open(Path dir, SpoolOptions options) throws IOException {
        return new TelemetrySpool(dir, options, Clock.systemUTC());
    }

    public static TelemetrySpool open(Path dir, SpoolOptions options, Clock clock) throws IOException {
        return new TelemetrySpool(dir, options, clock);
    }

    private Path segmentPath(long n) {
        return dir.resolve(String.format("segment-%020d.spool", n));
    }

    /** Validates every record of a segment; truncates the file at the first bad one. */
    private static void scan(Segment s, List<SpoolRecovery.Damage> damage) throws IOException {
        try (FileChannel ch = FileChannel.open(s.path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long pos = 0;
            String problem = null;
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            while (pos < size) {
                if (size - pos < HEADER) {
                    problem = "torn record header";
                    break;
                }
                header.clear();
                readFully(ch, header, pos);
                int length = header.getInt(0);
                int crc = header.getInt(4);
                if (length <= 0 || length > SpoolOptions.MAX_RECORD_BYTES) {
                    problem = "record length out of range (" + Integer.toUnsignedString(length) + ")";
                    break;
                }
                if (size - pos - HEADER < length) {
                    problem = "torn record (file ends inside it)";
                    break;
                }
                ByteBuffer payload = ByteBuffer.allocate(length);
                readFully(ch, payload, pos + HEADER);
                if (crc(length, payload.array()) != crc) {
                    problem = "checksum mismatch";
                    break;
                }
                pos += HEADER + length;
                s.records++;
            }
            if (problem != null) {
                damage.add(new SpoolRecovery.Damage(s.number, pos, size - pos, problem));
                ch.truncate(pos);
                ch.force(true);
            }
            s.size = pos;
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + buf.position());
            if (n < 0) throw new IOException("unexpected end of spool segment");
        }
        buf.flip();
    }

    private static int crc(int length, byte[] payload) {
        CRC32C c = new CRC32C();
        c.update(length >>> 24);
        c.update(length >>> 16);
        c.update(length >>> 8);
        c.update(length);
        c.update(payload, 0, payload.length);
        return (int) c.getValue();
    }

    /** Reads the committed position; returns a note when it had to be repaired. */
    private String loadCommitted() throws IOException {
        Segment head = segments.peekFirst();
        Path file = dir.resolve(COMMITTED);
        String note = null;
        SpoolPosition pos = new SpoolPosition(head.number, 0);
        if (Files.exists(file)) {
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            String[] parts = text.split(" ");
            try {
                pos = new SpoolPosition(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            } catch (RuntimeException e) {
                note = "committed position unreadable; resending from the oldest record (the controller drops duplicates)";
                pos = new SpoolPosition(head.number, 0);
            }
        }
        if (pos.segment() < head.number) pos = new SpoolPosition(head.number, 0);
        Segment at = null;
        for (Segment s : segments) if (s.number == pos.segment()) at = s;
        if (at == null) {
            // the committed segment vanished (deleted by hand?): start again from the oldest one
            if (note == null && pos.segment() > segments.peekLast().number)
                note = "committed position beyond the last segment; resending from the oldest record";
            pos = new SpoolPosition(head.number, 0);
            at = head;
        }
        // drop whole segments before the committed one, count acked records in it
        while (segments.peekFirst() != at) {
            Segment s = segments.pollFirst();
            totalRecords -= s.records;
            totalBytes -= s.size;
            Files.deleteIfExists(s.path);
        }
        long boundary = 0, index = 0;
        try (FileChannel ch = FileChannel.open(at.path, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            while (boundary < pos.offset() && boundary < at.size) {
                header.clear();
                readFully(ch, header, boundary);
                boundary += HEADER + header.getInt(0);
                index++;
            }
        }
        if (boundary != pos.offset() && note == null)
            note = "committed position " + pos + " was not on a record boundary (spool tail repaired?); moved to " + boundary;
        committed = new SpoolPosition(at.number, boundary);
        ackedInHead = index;
        return note;
    }

    // ---- producer ------------------------------------------------------------------------

    /**
     * Appends a record and returns where it was stored. The batch id must be ASCII, at most 255
     * characters. Forces to disk according to the fsync policy.
     */
    public synchronized SpoolPosition append(int kind, String batchId, byte[] body) throws IOException {
        ensureOpen();
        byte[] id = batchId.getBytes(StandardCharsets.US_ASCII);
        if (id.length > 255) throw new IllegalArgumentException("batch id too long");
        int length = 1 + 8 + 1 + id.length + body.length;
        if (length > SpoolOptions.MAX_RECORD_BYTES) throw new IllegalArgumentException("spool record too large: " + length + " bytes");
        Segment tail = segments.peekLast();
        if (tail.size > 0 && tail.size + HEADER + length > options.maxSegmentBytes()) tail = roll();
        ByteBuffer buf = ByteBuffer.allocate(HEADER + length);
        buf.putInt(length).putInt(0);
        buf.put((byte) kind).putLong(clock.millis()).put((byte) id.length).put(id).put(body);
        byte[] all = buf.array();
        CRC32C c = new CRC32C();
        c.update(all, 0, 4);
        c.update(all, HEADER, length);
        buf.putInt(4, (int) c.getValue());
        buf.flip();
        SpoolPosition at = new SpoolPosition(tail.number, tail.size);
        try {
            while (buf.hasRemaining()) tailChannel.write(buf);
        } catch (IOException e) {
            // disk full or I/O error: cut the partial record so that offsets stay right, then report
            try {
                tailChannel.truncate(tail.size);
            } catch (IOException ignored) {
                // the next start will find and cut the torn record
            }
            throw e;
        }
        tail.size += HEADER + length;
        tail.records++;
        totalRecords++;
        totalBytes += HEADER + length;
        dirty = true;
        maybeForce();
        enforceBound();
        notifyAll();
        return at;
    }

    private Segment roll() throws IOException {
        if (options.fsync() != FsyncPolicy.NEVER && dirty) tailChannel.force(false);
        dirty = false;
        tailChannel.close();
        Segment next = new Segment(segments.peekLast().number + 1, segmentPath(segments.peekLast().number + 1));
        tailChannel = FileChannel.open(next.path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        segments.add(next);
        return next;
    }

    private void maybeForce() throws IOException {
        switch (options.fsync()) {
            case ALWAYS -> force();
            case INTERVAL -> {
                if (System.nanoTime() - lastForceNanos >= options.fsyncInterval().toNanos()) force();
            }
            case NEVER -> { }
        }
    }

    private void force() throws IOException {
        if (dirty) tailChannel.force(false);
        dirty = false;
        lastForceNanos = System.nanoTime();
    }

    /** Forces unsynced records to the disk now (the runtime calls it periodically and on shutdown). */
    public synchronized void sync() throws IOException {
        if (!closed && options.fsync() != FsyncPolicy.NEVER) force();
    }

    private void enforceBound() throws IOException {
        while (totalBytes > options.maxTotalBytes() && segments.size() > 1) {
            Segment s = segments.pollFirst();
            long undelivered = s.number == committed.segment() ? s.records - ackedInHead : s.records;
            droppedRecords += undelivered;
            droppedSegments++;
            totalRecords -= s.records;
            totalBytes -= s.size;
            if (readChannelSegment == s.number) closeReadChannel();
            Files.deleteIfExists(s.path);
            if (committed.segment() <= s.number) {
                committed = new SpoolPosition(segments.peekFirst().number, 0);
                ackedInHead = 0;
                writeCommitted();
            }
        }
    }

    // ---- consumer ------------------------------------------------------------------------

    /** The oldest record not yet acknowledged, if any. */
    public synchronized Optional<SpoolEntry> peek() throws IOException {
        ensureOpen();
        advancePastConsumedSegments();
        Segment head = segments.peekFirst();
        if (committed.offset() >= head.size) return Optional.empty();
        if (readChannelSegment != head.number) {
            closeReadChannel();
            readChannel = FileChannel.open(head.path, StandardOpenOption.READ);
            readChannelSegment = head.number;
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        readFully(readChannel, header, committed.offset());
        int length = header.getInt(0);
        ByteBuffer payload = ByteBuffer.allocate(length);
        readFully(readChannel, payload, committed.offset() + HEADER);
        int kind = payload.get() & 0xFF;
        long created = payload.getLong();
        int idLength = payload.get() & 0xFF;
        byte[] id = new byte[idLength];
        payload.get(id);
        byte[] body = new byte[payload.remaining()];
        payload.get(body);
        return Optional.of(new SpoolEntry(committed, kind, created, new String(id, StandardCharsets.US_ASCII), body));
    }

    /** Waits up to the timeout for a record to become available; returns it if one did. */
    public synchronized Optional<SpoolEntry> awaitEntry(long timeout, TimeUnit unit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (true) {
            Optional<SpoolEntry> e = peek();
            long left = deadline - System.nanoTime();
            if (e.isPresent() || left <= 0 || closed) return e;
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /**
     * Marks the record at {@code position} delivered: the committed position moves past it and
     * is persisted. Only the oldest pending record can be acknowledged; anything else (e.g. a
     * record that was meanwhile dropped by the size bound) is ignored and returns false.
     */
    public synchronized boolean ack(SpoolPosition position) throws IOException {
        ensureOpen();
        if (!position.equals(committed)) return false;
        Segment head = segments.peekFirst();
        if (head.number != position.segment() || position.offset() >= head.size) return false;
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        if (readChannelSegment != head.number) {
            closeReadChannel();
            readChannel = FileChannel.open(head.path, StandardOpenOption.READ);
            readChannelSegment = head.number;
        }
        readFully(readChannel, header, position.offset());
        committed = new SpoolPosition(head.number, position.offset() + HEADER + header.getInt(0));
        ackedInHead++;
        advancePastConsumedSegments();
        writeCommitted();
        return true;
    }

    /** Deletes head segments that are fully delivered and no longer written to. */
    private void advancePastConsumedSegments() throws IOException {
        while (segments.size() > 1 && committed.segment() == segments.peekFirst().number
                && committed.offset() >= segments.peekFirst().size) {
            Segment s = segments.pollFirst();
            totalRecords -= s.records;
            totalBytes -= s.size;
            if (readChannelSegment == s.number) closeReadChannel();
            committed = new SpoolPosition(segments.peekFirst().number, 0);
            ackedInHead = 0;
            writeCommitted();
            Files.deleteIfExists(s.path);
        }
    }

    private void writeCommitted() throws IOException {
        Path tmp = dir.resolve(COMMITTED + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap((committed.segment() + " " + committed.offset() + "\n").getBytes(StandardCharsets.US_ASCII)));
            if (options.fsync() != FsyncPolicy.NEVER) ch.force(true);
        }
        try {
            Files.move(tmp, dir.resolve(COMMITTED), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dir.resolve(COMMITTED), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void closeReadChannel() throws IOException {
        if (readChannel != null) readChannel.close();
        readChannel = null;
        readChannelSegment = -1;
    }

    // ---- state ---------------------------------------------------------------------------

    /** What {@link #open} found and repaired. */
    public SpoolRecovery recovery() { return recovery; }

    /** Records appended and not yet acknowledged. */
    public synchronized long pendingRecords() { return totalRecords - ackedInHead; }

    /** Bytes of all segment files. */
    public synchronized long sizeBytes() { return totalBytes; }

    /** Undelivered records deleted by the size bound since the spool was opened. */
    public synchronized long droppedRecords() { return droppedRecords; }

    public synchronized long droppedSegments() { return droppedSegments; }

    /** Age in milliseconds of the oldest pending record (0 when nothing is pending). */
    public synchronized long oldestPendingAgeMillis() {
        try {
            return peek().map(e -> Math.max(0, clock.millis() - e.createdAtMillis())).orElse(0L);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized SpoolPosition committedPosition() { return committed; }

    public Path directory() { return dir; }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("spool closed");
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) return;
        if (options.fsync() != FsyncPolicy.NEVER) force();
        closed = true;
        tailChannel.close();
        closeReadChannel();
        notifyAll();
    }
}
