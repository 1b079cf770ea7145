package io.sentinel.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * CPU time (user + system) of the processes with the given command names, read from Linux's
 * {@code /proc/PID/stat}: how a benchmark says where the cores went (this JVM, PostgreSQL's
 * processes, redis-server). A process that ends between two readings takes its time with it, so
 * the figures are lower bounds; on a system without {@code /proc} every reading is 0.
 */
final class ProcessCpu {
    /** Clock ticks per second of {@code /proc/PID/stat} (USER_HZ: 100 on every Linux ABI in use). */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessCpu() {}

    /** Seconds of CPU used so far by this process. */
    static double self() {
        return ticks(Path.of("/proc/self/stat")) / TICKS_PER_SECOND;
    }

    /** Seconds of CPU used so far by every live process whose command name is one of {@code names}. */
    static double named(Set<String> names) {
        long total = 0;
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                String pid = d.getFileName().toString();
                if (pid.isEmpty() || !Character.isDigit(pid.charAt(0))) {
                    continue;
                }
                try {
                    if (names.contains(Files.readString(d.resolve("comm")).strip())) {
                        total += ticks(d.resolve("stat"));
                    }
                } catch (IOException ended) {
                    // the process ended while we looked
                }
            }
        } catch (IOException noProc) {
            return 0;
        }
        return total / TICKS_PER_SECOND;
    }

    /** utime + stime of one stat file (fields 14 and 15; the command name in field 2 may hold spaces). */
    private static long ticks(Path stat) {
        try {
            String s = Files.readString(stat);
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
