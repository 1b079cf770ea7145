package io.sentinel.app.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code sentinel <subcommand>} in a child JVM on this module's test classpath (the packaged
 * jar does not exist yet when tests run), with exactly the environment given, output to a file.
 */
final class SentinelProcess implements AutoCloseable {

    /** Variables of the parent environment that must not leak into the child's configuration. */
    private static final List<String> SCRUBBED_PREFIXES = List.of("CONTROLLER_", "SENTINEL_", "DATABASE_URL", "REDIS_URL",
            "TRUSTED_PROXY_CIDRS", "API_AUTH_TOKEN", "DASH_PASSWORD", "TELEMETRY_RETENTION_DAYS");

    private final Process process;
    final Path log;

    private SentinelProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static SentinelProcess start(Path log, Map<String, String> env, String... args) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED", "-cp", classpath, "io.sentinel.app.Sentinel"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> SCRUBBED_PREFIXES.stream().anyMatch(k::startsWith));
        pb.environment().putAll(env);
        try {
            return new SentinelProcess(pb.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs to completion and returns the exit code. */
    static int run(Path log, Map<String, String> env, Duration timeout, String... args) throws InterruptedException {
        try (SentinelProcess p = start(log, env, args)) {
            if (!p.process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("sentinel " + String.join(" ", args) + " did not finish within " + timeout + ":\n" + p.output());
            }
            return p.process.exitValue();
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    void awaitPort(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("sentinel exited with " + process.exitValue() + ":\n" + output());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("sentinel did not listen on " + port + " within " + timeout + ":\n" + output());
    }

    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
