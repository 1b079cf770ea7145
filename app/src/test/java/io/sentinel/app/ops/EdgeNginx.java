package io.sentinel.app.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The shipped ops/nginx configuration run by the real Debian nginx as a foreground process in a
 * temp prefix: container paths, listen ports and the upstream address substituted, nothing else.
 */
final class EdgeNginx implements AutoCloseable {

    static final String NGINX = "/usr/sbin/nginx";
    private static final List<String> FILES =
            List.of("nginx.conf", "conf.d/sentinel.conf", "snippets/security-headers.conf", "snippets/proxy.conf");

    private final Path prefix;
    private final Process process;
    final int httpPort;
    final int httpsPort;
    final Path certificate;

    private EdgeNginx(Path prefix, Process process, int httpPort, int httpsPort, Path certificate) {
        this.prefix = prefix;
        this.process = process;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
        this.certificate = certificate;
    }

    static boolean available() {
        return Files.isExecutable(Path.of(NGINX)) && Processes.onPath("openssl");
    }

    /** Starts nginx in front of {@code upstreamPort} on 127.0.0.1, with a certificate made by make-selfsigned-cert.sh. */
    static EdgeNginx start(int upstreamPort) {
        try {
            // Under /tmp, whose parents everyone may traverse: when the tests run as root, nginx's
            // workers run as nobody and buffer large bodies in the temp paths below.
            Path prefix = Files.createTempDirectory("sentinel-nginx");
            Files.setPosixFilePermissions(prefix, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path etc = Files.createDirectories(prefix.resolve("etc"));
            Path tmp = Files.createDirectories(prefix.resolve("tmp"));
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
            Path certs = prefix.resolve("etc/certs");
            Processes.Result cert = Processes.run(List.of("bash", RepoFiles.path("ops/nginx/make-selfsigned-cert.sh").toString(),
                    "-d", certs.toString(), "-n", "localhost", "--days", "2"), null, Map.of(), 60);
            if (cert.exitCode() != 0) {
                throw new IllegalStateException("make-selfsigned-cert.sh failed: " + cert.output());
            }
            int http = freePort();
            int https = freePort();
            for (String name : FILES) {
                String text = RepoFiles.read("ops/nginx/" + name)
                        .replace("/etc/nginx/conf.d", etc.resolve("conf.d").toString())
                        .replace("/etc/nginx/snippets", etc.resolve("snippets").toString())
                        .replace("/etc/nginx/certs", certs.toString())
                        .replace("/tmp/nginx-", tmp + "/nginx-")
                        .replace("access_log /dev/stdout", "access_log " + prefix.resolve("access.log"))
                        .replace("error_log /dev/stderr", "error_log " + prefix.resolve("error.log"))
                        .replace("listen 80 ", "listen 127.0.0.1:" + http + " ")
                        .replace("listen 443 ", "listen 127.0.0.1:" + https + " ")
                        .replace("controller:5000", "127.0.0.1:" + upstreamPort);
                text = text.lines().filter(l -> !l.strip().startsWith("listen [::]")).reduce("", (a, b) -> a + b + "\n");
                Path target = etc.resolve(name);
                Files.createDirectories(target.getParent());
                Files.writeString(target, text);
            }
            Process p = new ProcessBuilder(NGINX, "-p", prefix.toString(), "-c", etc.resolve("nginx.conf").toString(),
                    "-g", "daemon off; pid " + prefix.resolve("nginx.pid") + ";")
                    .redirectErrorStream(true)
                    .redirectOutput(prefix.resolve("stdout.log").toFile())
                    .start();
            EdgeNginx nginx = new EdgeNginx(prefix, p, http, https, certs.resolve("fullchain.pem"));
            nginx.awaitListening(Duration.ofSeconds(15));
            return nginx;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String errorLog() {
        return readQuietly(prefix.resolve("error.log")) + readQuietly(prefix.resolve("stdout.log"));
    }

    String accessLog() {
        return readQuietly(prefix.resolve("access.log"));
    }

    private void awaitListening(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String log = errorLog();
                close();
                throw new IllegalStateException("nginx exited with " + process.exitValue() + ":\n" + log);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), httpsPort), 200);
                return;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        String log = errorLog();
        close();
        throw new IllegalStateException("nginx did not listen within " + timeout + ":\n" + log);
    }

    @Override
    public void close() {
        List<ProcessHandle> workers = process.descendants().toList();
        process.destroy(); // SIGTERM: fast shutdown, the master stops its workers
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        Processes.run(List.of("rm", "-rf", prefix.toString()), null, Map.of(), 30);
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readQuietly(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
