package io.sentinel.app.evidence;

import com.adobe.testing.s3mock.S3MockApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A real S3-protocol server for the tests: Adobe's S3Mock (a Spring Boot application) started
 * in this JVM on a loopback HTTP port, objects kept as files under a directory, one bucket made
 * at start. It can be stopped and started again on the same port and directory (an outage).
 * Spring is kept away from the JVM's logging configuration.
 */
final class S3Server implements AutoCloseable {
    static final String BUCKET = "sentinel-evidence";

    private final Path root;
    private final int port;
    private S3MockApplication app;

    private S3Server(Path root, int port) {
        this.root = root;
        this.port = port;
    }

    static S3Server start(Path root) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        S3Server s = new S3Server(root, port);
        s.resume();
        return s;
    }

    /** Starts (again) on the same port and directory. */
    synchronized void resume() {
        if (app != null) return;
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        Map<String, Object> props = new HashMap<>(); // S3Mock edits the map it is given
        props.put(S3MockApplication.PROP_HTTP_PORT, port);
        props.put(S3MockApplication.PROP_HTTPS_PORT, S3MockApplication.RANDOM_PORT);
        props.put(S3MockApplication.PROP_INITIAL_BUCKETS, BUCKET);
        props.put(S3MockApplication.PROP_ROOT_DIRECTORY, root.toString());
        props.put(S3MockApplication.PROP_SILENT, true);
        props.put("spring.main.banner-mode", "off");
        app = S3MockApplication.start(props);
    }

    /** Stops the server: requests are refused until {@link #resume()}. */
    synchronized void pause() {
        if (app == null) return;
        app.stop();
        app = null;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        pause();
    }
}
