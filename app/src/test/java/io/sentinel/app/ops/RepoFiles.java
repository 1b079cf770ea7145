package io.sentinel.app.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the checkout's files from a test that runs in the {@code app} module directory. */
final class RepoFiles {

    private RepoFiles() {}

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("ops/docker-compose.prod.yml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("repository root (with ops/docker-compose.prod.yml) not found above " + Path.of("").toAbsolutePath());
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The build directory of this module, where tests keep their scratch files. */
    static Path scratch(String name) {
        try {
            Path base = Path.of(System.getProperty("sentinel.build.dir", "target")).toAbsolutePath();
            Files.createDirectories(base);
            return Files.createTempDirectory(base, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean executable(String absolutePath) {
        return Files.isExecutable(Path.of(absolutePath));
    }
}
