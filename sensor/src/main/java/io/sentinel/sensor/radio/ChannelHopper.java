package io.sentinel.sensor.radio;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a monitor-mode interface across channels with {@code iw dev IF set freq MHZ} following
 * a {@link HopScheduler}, and records the time really spent on each channel in a
 * {@link ChannelCoverage} (listening time starts after the settle time; a channel whose
 * retune fails is not credited, and after {@link #MAX_FAILURES} failures in a row it is skipped
 * for the rest of the run: the adapter or the regulatory domain does not allow it).
 *
 * <p>The pipeline calls {@link #onFrame()} for every captured frame so that adaptive mode knows
 * where the activity is. Command runner, clock and sleeping are injected for tests.
 */
public final class ChannelHopper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelHopper.class);

    public static final int MAX_FAILURES = 3;

    /** Sleeps for a number of nanoseconds (the real one is Thread.sleep). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final String iface;
    private HopScheduler scheduler;
    private HopOptions options;
    private final CommandRunner runner;
    private final ChannelCoverage coverage;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong retuneFailures = new AtomicLong();
    private int[] failuresInARow;
    private boolean[] disabled;
    /** A plan to hop across from the next step on (set from another thread). */
    private volatile Replan replan;

    private record Replan(List<Channel> channels, HopOptions options) {}
    private volatile Channel current;
    private volatile boolean running;
    private Thread thread;

    public ChannelHopper(String iface, List<Channel> channels, HopOptions options, CommandRunner runner,
            ChannelCoverage coverage, LongSupplier nanoClock, Sleeper sleeper) {
        this.iface = iface;
        this.scheduler = new HopScheduler(channels, options);
        this.options = options;
        this.runner = runner;
        this.coverage = coverage;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.failuresInARow = new int[channels.size()];
        this.disabled = new boolean[channels.size()];
    }

    /** A hopper on the real clock with real {@code iw}. */
    public static ChannelHopper system(String iface, List<Channel> channels, HopOptions options, ChannelCoverage coverage) {
        return new ChannelHopper(iface, channels, options, CommandRunner.system(), coverage, System::nanoTime,
                n -> Thread.sleep(n / 1_000_000, (int) (n % 1_000_000)));
    }

    /** Counts one captured frame towards the channel being listened to. */
    public void onFrame() {
        frames.incrementAndGet();
    }

    /** Tunes the radio once (for a fixed channel); returns whether {@code iw} succeeded. */
    public boolean tune(Channel c) throws IOException {
        CommandRunner.Result r = runner.run(List.of("iw", "dev", iface, "set", "freq", Integer.toString(c.freqMhz())));
        if (r.ok()) current = c;
        else LOG.warn("cannot tune " + iface + " to channel " + c + ": " + r.output());
        return r.ok();
    }

    /**
     * Hops across {@code channels} with {@code options} from the next step on, without stopping
     * (safe from any thread; e.g. a new fleet configuration). Channels skipped for failed retunes
     * get another chance.
     */
    public void replan(List<Channel> channels, HopOptions options) {
        if (channels.isEmpty()) throw new IllegalArgumentException("no channels to hop across");
        replan = new Replan(List.copyOf(channels), options);
    }

    /** The options in effect. */
    public HopOptions options() { return options; }

    /** Performs one hop: tune, settle, dwell, credit. Returns false when every channel is disabled. */
    public boolean step() throws InterruptedException, IOException {
        Replan r = replan;
        if (r != null) {
            replan = null;
            scheduler = new HopScheduler(r.channels(), r.options());
            options = r.options();
            failuresInARow = new int[r.channels().size()];
            disabled = new boolean[r.channels().size()];
            LOG.info("hopping across {} channels from now on", r.channels().size());
        }
        HopScheduler.Step s = null;
        for (int tries = 0; tries < scheduler.channels().size(); tries++) {
            HopScheduler.Step candidate = scheduler.next();
            if (!disabled[candidate.index()]) {
                s = candidate;
                break;
            }
        }
        if (s == null) return false;
        if (!tune(s.channel())) {
            retuneFailures.incrementAndGet();
            if (++failuresInARow[s.index()] >= MAX_FAILURES) {
                disabled[s.index()] = true;
                LOG.warn("channel " + s.channel() + " skipped from now on: " + MAX_FAILURES + " failed retunes");
            }
            return true;
        }
        failuresInARow[s.index()] = 0;
        if (!options.settle().isZero()) sleeper.sleep(options.settle().toNanos());
        long before = frames.get();
        long start = nanoClock.getAsLong();
        sleeper.sleep(s.dwellNanos());
        long listened = nanoClock.getAsLong() - start;
        long heard = frames.get() - before;
        coverage.addListening(s.channel().number(), listened);
        scheduler.recordVisit(s.index(), heard, listened);
        return true;
    }

    /** Starts hopping on a daemon thread. */
    public synchronized void start() {
        if (running) return;
        running = true;
        thread = Thread.ofPlatform().daemon().name("sentinel-hopper").start(() -> {
            try {
                while (running && step()) {
                    // keep hopping
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                LOG.error("channel hopping stopped: " + e.getMessage());
            }
        });
    }

    public Channel currentChannel() { return current; }

    public long retuneFailures() { return retuneFailures.get(); }

    public HopScheduler scheduler() { return scheduler; }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(2000);
        }
    }
}
