package io.sentinel.sensor.radio;

import java.util.List;

/**
 * Decides where the radio listens next and for how long. Channels are always visited in
 * round-robin order, so every channel of the plan is covered once per cycle. In adaptive mode
 * the dwell on a channel is the base dwell scaled by that channel's activity (an exponentially
 * weighted average of frames per second seen on earlier visits, plus one so that quiet channels
 * keep a share) relative to the mean activity, clamped to [minDwell, maxDwell]: busy channels
 * are watched longer, quiet ones briefly, and a cycle takes about as long as in fixed mode.
 * Pure logic, no clock: the {@link ChannelHopper} feeds it.
 */
public final class HopScheduler {

    /** One hop: tune to {@code channel} and listen for {@code dwellNanos}. */
    public record Step(Channel channel, int index, long dwellNanos) {}

    private final List<Channel> channels;
    private final HopOptions options;
    private final double[] activity;
    private int next;

    public HopScheduler(List<Channel> channels, HopOptions options) {
        if (channels.isEmpty()) throw new IllegalArgumentException("no channels to hop across");
        this.channels = List.copyOf(channels);
        this.options = options;
        this.activity = new double[channels.size()];
    }

    public synchronized Step next() {
        int i = next;
        next = (next + 1) % channels.size();
        return new Step(channels.get(i), i, dwellNanos(i));
    }

    private long dwellNanos(int i) {
        long base = options.dwell().toNanos();
        if (!options.adaptive()) return base;
        double mean = 0;
        for (double a : activity) mean += 1 + a;
        mean /= activity.length;
        double d = base * (1 + activity[i]) / mean;
        return Math.clamp((long) d, options.minDwell().toNanos(), options.maxDwell().toNanos());
    }

    /** Reports what a visit heard: {@code frames} over {@code listenedNanos}. */
    public synchronized void recordVisit(int index, long frames, long listenedNanos) {
        if (listenedNanos <= 0) return;
        double rate = frames * 1e9 / listenedNanos;
        activity[index] = options.memory() * activity[index] + (1 - options.memory()) * rate;
    }

    /** The current activity estimate of a channel (frames per second). */
    public synchronized double activity(int index) { return activity[index]; }

    public List<Channel> channels() { return channels; }
}
