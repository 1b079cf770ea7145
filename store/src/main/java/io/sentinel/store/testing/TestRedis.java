package io.sentinel.store.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test fixture: a real Redis server (the {@code redis-server} binary: {@code $REDIS_SERVER},
 * else {@code /usr/bin/redis-server}, else the {@code PATH}) on a free loopback port in a
 * temporary directory, with append-only persistence so that {@link #restart()} keeps the data.
 *
 * <pre>{@code
 * try (TestRedis redis = TestRedis.start()) {
 *     Redis client = Redis.connect(redis.url());
 *     ...
 *     redis.restart();   // same port and data
 * }
 * }</pre>
 */
public final class TestRedis implements AutoCloseable {
    private final Path dir;
    private final int port;
    private Process process;

    private TestRedis(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Starts a server; fails with a clear message when no redis-server binary exists. */
    public static TestRedis start() {
        try {
            TestRedis r = new TestRedis(Files.createTempDirectory("sentinel-test-redis-"), freePort());
            r.launch();
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code redis://127.0.0.1:<port>/0}. */
    public String url() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    public int port() {
        return port;
    }

    /** Stops the server (SIGKILL after the append-only file is synced; data stays on disk). */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops and starts again on the same port with the same data. */
    public void restart() {
        stop();
        try {
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    private void launch() throws IOException {
        List<String> cmd = new ArrayList<>(List.of(binary(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--dir", dir.toString(), "--appendonly", "yes", "--appendfsync", "always", "--save", "",
                "--protected-mode", "no", "--daemonize", "no"));
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited: " + Files.readString(dir.resolve("redis.log")));
            }
            if (ping()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting redis-server");
            }
        }
        throw new IllegalStateException("redis-server did not answer PING on port " + port);
    }

    private boolean ping() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            s.setSoTimeout(500);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[16];
            int n = in.read(buf);
            return n > 0 && new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    private static String binary() {
        String env = System.getenv("REDIS_SERVER");
        if (env != null && Files.isExecutable(Path.of(env))) {
            return env;
        }
        if (Files.isExecutable(Path.of("/usr/bin/redis-server"))) {
            return "/usr/bin/redis-server";
        }
        for (String p : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(p, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("redis-server not found: install the Debian package redis-server "
                + "or set REDIS_SERVER");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        stop();
        TestPostgres.deleteTree(dir);
    }
}
