package io.sentinel.sensor.evidence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes each evidence file into a directory ({@code sentinel analyze --evidence DIR}, a sensor without controller). */
public final class DirectoryEvidenceOutput implements EvidenceOutput {
    private final Path dir;

    public DirectoryEvidenceOutput(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    @Override
    public void write(EvidenceCapture capture) throws IOException {
        Path target = dir.resolve(capture.fileName());
        Path tmp = dir.resolve(capture.fileName() + ".tmp");
        Files.write(tmp, capture.pcapng());
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public Path directory() { return dir; }
}
