package io.sentinel.worker.notify.transport;

import io.sentinel.store.notify.ChannelSettings;
import io.sentinel.worker.notify.Message;
import io.sentinel.worker.notify.format.EveRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The EVE-style JSON Lines export: appends one line per message to {@code <export dir>/<name>}
 * and fsyncs before it counts as delivered. When the next batch would pass {@code max_bytes}
 * the file is rotated the way logrotate does ({@code name.1} is the newest old file, at most
 * {@code keep} are kept), which Filebeat and the Wazuh agent follow. Worker processes on one
 * host share the file through an OS lock on {@code name.lock}.
 */
public final class FileTransport implements Transport {
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private final ChannelSettings.File settings;
    private final Path file;

    public FileTransport(ChannelSettings.File settings, Path exportDir) {
        this.settings = settings;
        this.file = exportDir.resolve(settings.name()).toAbsolutePath().normalize();
        if (!file.getParent().equals(exportDir.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("export file must be inside the export directory");
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public Result send(List<Message> batch, long deadline) {
        ReentrantLock local = LOCKS.computeIfAbsent(file, f -> new ReentrantLock());
        local.lock();
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel lockFile = FileChannel.open(file.resolveSibling(settings.name() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = lockFile.lock()) {
                long size = Files.exists(file) ? Files.size(file) : 0;
                ByteArrayOutputStream chunk = new ByteArrayOutputStream(batch.size() * 1024);
                for (Message m : batch) {
                    byte[] line = (EveRecord.line(m) + "\n").getBytes(StandardCharsets.UTF_8);
                    if (size + chunk.size() > 0 && size + chunk.size() + line.length > settings.maxBytes()) {
                        append(chunk.toByteArray());
                        chunk.reset();
                        rotate();
                        size = 0;
                    }
                    chunk.write(line);
                }
                append(chunk.toByteArray());
            }
            return Result.all(batch.size());
        } catch (IOException e) {
            return Result.failed(0, Failure.down("cannot write " + file + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage())));
        } finally {
            local.unlock();
        }
    }

    private void append(byte[] bytes) throws IOException {
        if (bytes.length == 0) {
            return;
        }
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                out.write(buf);
            }
            if (settings.fsync()) {
                out.force(false);
            }
        }
    }

    private void rotate() throws IOException {
        Files.deleteIfExists(file.resolveSibling(settings.name() + "." + settings.keep()));
        for (int i = settings.keep() - 1; i >= 1; i--) {
            Path from = file.resolveSibling(settings.name() + "." + i);
            if (Files.exists(from)) {
                Files.move(from, file.resolveSibling(settings.name() + "." + (i + 1)), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        Files.move(file, file.resolveSibling(settings.name() + ".1"), StandardCopyOption.ATOMIC_MOVE);
    }
}
