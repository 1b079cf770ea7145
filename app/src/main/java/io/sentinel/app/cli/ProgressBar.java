package io.sentinel.app.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A one-line progress bar on stderr for long work (decoding, analysing, replaying), drawn only
 * when stderr is a terminal so that logs and pipes stay clean. Cheap to call per item: it looks
 * at the clock every 1024 calls and redraws at most ten times a second.
 */
public final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 28;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final String label;
    private final boolean enabled;
    private final PrintStream err;
    private long total = -1;
    private long startNanos;
    private long lastDraw;
    private int calls;
    private boolean drawn;
    private long lastDone, lastItems;

    private ProgressBar(String label, boolean enabled, PrintStream err) {
        this.label = label;
        this.enabled = enabled;
        this.err = err;
    }

    /** A bar that draws when stderr is a terminal and {@code wanted} is true. */
    public static ProgressBar forTerminal(String label, boolean wanted) {
        return new ProgressBar(label, wanted && stderrIsTerminal(), System.err);
    }

    /** A bar that never draws. */
    public static ProgressBar disabled() {
        return new ProgressBar("", false, System.err);
    }

    /** A bar that always draws to the given stream (tests). */
    public static ProgressBar to(PrintStream out, String label) {
        return new ProgressBar(label, true, out);
    }

    public boolean enabled() { return enabled; }

    /** Starts timing; {@code total} is the amount of work (bytes), or -1 when unknown. */
    public void start(long total) {
        this.total = total;
        this.startNanos = System.nanoTime();
        this.lastDraw = startNanos;
    }

    /** Reports progress: {@code done} of the total, and {@code items} processed (frames, alerts...). */
    public void update(long done, long items) {
        if (!enabled || (++calls & 1023) != 0) return;
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS) return;
        lastDraw = now;
        draw(done, items, now);
    }

    private void draw(long done, long items, long now) {
        lastDone = done;
        lastItems = items;
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        StringBuilder sb = new StringBuilder(96).append('\r').append(label).append(' ');
        if (total > 0) {
            double fraction = Math.min(1.0, (double) done / total);
            int filled = (int) (fraction * WIDTH);
            sb.append('[').append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append("] ");
            sb.append(String.format("%3d%% ", (int) (fraction * 100)));
            sb.append(bytes(done)).append('/').append(bytes(total)).append(' ');
        }
        sb.append(count(items)).append(' ').append(count((long) (items / seconds))).append("/s");
        if (total > 0 && done > 0 && done < total) {
            long eta = (long) (seconds * (total - done) / done);
            sb.append(String.format(" ETA %d:%02d", eta / 60, eta % 60));
        }
        sb.append("\u001b[K"); // clear to the end of the line
        err.print(sb);
        err.flush();
        drawn = true;
    }

    /** Draws the final state and moves to a clean line. */
    @Override
    public void close() {
        if (!enabled || !drawn) return;
        err.print("\r\u001b[K");
        err.flush();
        drawn = false;
    }

    /** Forces a redraw now (e.g. at the end of a phase). */
    public void redraw(long done, long items) {
        if (enabled) draw(done, items, System.nanoTime());
    }

    long lastDone() { return lastDone; }

    long lastItems() { return lastItems; }

    /**
     * True when stderr is a terminal: on Linux the target of /proc/self/fd/2; elsewhere the JDK's
     * console, which exists only for interactive sessions.
     */
    public static boolean stderrIsTerminal() {
        if (System.getenv("TERM") != null && System.getenv("TERM").equals("dumb")) return false;
        Path fd2 = Path.of("/proc/self/fd/2");
        try {
            if (Files.exists(fd2.getParent())) {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (Exception e) {
            // fall through to the console check
        }
        var console = System.console();
        return console != null && console.isTerminal();
    }

    static String bytes(long n) {
        if (n < 1024) return n + " B";
        if (n < 1024 * 1024) return String.format("%.1f KiB", n / 1024.0);
        if (n < 1024L * 1024 * 1024) return String.format("%.1f MiB", n / (1024.0 * 1024));
        return String.format("%.2f GiB", n / (1024.0 * 1024 * 1024));
    }

    static String count(long n) {
        if (n < 10_000) return Long.toString(n);
        if (n < 10_000_000) return String.format("%.1fk", n / 1e3);
        return String.format("%.1fM", n / 1e6);
    }
}
