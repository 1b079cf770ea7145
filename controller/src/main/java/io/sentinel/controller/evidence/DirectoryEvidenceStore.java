package io.sentinel.controller.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Evidence in a local directory (the embedded defaults: {@code SENTINEL_DATA_DIR/evidence}), keys as relative paths. */
public final class DirectoryEvidenceStore implements EvidenceStore {
    private final Path root;

    public DirectoryEvidenceStore(Path root) throws IOException {
        this.root = Files.createDirectories(root).toAbsolutePath().normalize();
    }

    private Path path(String key) {
        Path p = root.resolve(key).normalize();
        if (!p.startsWith(root) || p.equals(root)) throw new IllegalArgumentException("evidence key leaves the store: " + key);
        return p;
    }

    @Override
    public void put(String key, byte[] bytes, String sha256Hex) throws UnavailableException {
        Path p = path(key);
        try {
            Files.createDirectories(p.getParent());
            Path tmp = p.resolveSibling(p.getFileName() + ".part");
            Files.write(tmp, bytes);
            Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UnavailableException("cannot write evidence " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(String key) throws UnavailableException {
        try {
            return Files.newInputStream(path(key));
        } catch (IOException e) {
            throw new UnavailableException("cannot read evidence " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String key) throws UnavailableException {
        try {
            Files.deleteIfExists(path(key));
        } catch (IOException e) {
            throw new UnavailableException("cannot delete evidence " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() { return "directory " + root; }
}
