package io.sentinel.sensor.radio;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Which channels were actually covered and for how long: listening time and visits (from the
 * hopper) and frames heard (from the pipeline, by each frame's own channel). Channel numbers
 * 0-255; lock-free, safe from any thread.
 */
public final class ChannelCoverage {

    /** One channel's totals. */
    public record Entry(int channel, long listenMillis, long visits, long frames) {}

    private final AtomicLongArray listenNanos = new AtomicLongArray(256);
    private final AtomicLongArray visits = new AtomicLongArray(256);
    private final AtomicLongArray frames = new AtomicLongArray(256);

    public void addListening(int channel, long nanos) {
        if (channel < 0 || channel > 255) return;
        listenNanos.addAndGet(channel, nanos);
        visits.incrementAndGet(channel);
    }

    public void addFrame(int channel) {
        if (channel > 0 && channel < 256) frames.incrementAndGet(channel);
    }

    /** Channels with any listening time or frames, in channel order. */
    public List<Entry> snapshot() {
        List<Entry> out = new ArrayList<>();
        for (int c = 0; c < 256; c++) {
            long l = listenNanos.get(c), v = visits.get(c), f = frames.get(c);
            if (l > 0 || v > 0 || f > 0) out.add(new Entry(c, l / 1_000_000, v, f));
        }
        return out;
    }

    /** The difference between two snapshots (for "since the last heartbeat"). */
    public static List<Entry> delta(List<Entry> now, List<Entry> before) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : now) {
            Entry b = before.stream().filter(x -> x.channel() == e.channel()).findFirst().orElse(new Entry(e.channel(), 0, 0, 0));
            Entry d = new Entry(e.channel(), e.listenMillis() - b.listenMillis(), e.visits() - b.visits(), e.frames() - b.frames());
            if (d.listenMillis() > 0 || d.visits() > 0 || d.frames() > 0) out.add(d);
        }
        return out;
    }
}
