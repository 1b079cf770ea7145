package io.sentinel.sensor.radio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external command ({@code iw}, {@code ip}) and returns its exit code and output.
 * Injected so that channel hopping and monitor-mode setup can be tested without hardware.
 */
@FunctionalInterface
public interface CommandRunner {

    /** Exit code and combined stdout/stderr. */
    record Result(int exitCode, String output) {
        public boolean ok() { return exitCode == 0; }
    }

    Result run(List<String> argv) throws IOException;

    /** Runs the command as a child process (arguments passed as an array: no shell, no quoting issues). */
    static CommandRunner system() {
        return argv -> {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            try {
                p.getOutputStream().close();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return new Result(-1, String.join(" ", argv) + ": timed out");
                }
                return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8).strip());
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + argv.getFirst(), e);
            }
        };
    }
}
