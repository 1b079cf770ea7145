package io.sentinel.detect.state;

/**
 * The times of the last {@code n} events of one entity, to answer exactly "did n events happen
 * within the window?" in constant time and memory.
 */
public final class EventWindow {
    private final long[] times;
    private int next;
    private long total;

    public EventWindow(int n) { times = new long[Math.max(1, n)]; }

    /** Records an event and returns true when the last {@code n} events span at most {@code window}. */
    public boolean add(long now, long window) {
        times[next] = now;
        next = (next + 1) % times.length;
        total++;
        return full() && now - times[next] <= window;
    }

    public boolean full() { return total >= times.length; }

    /** Time of the oldest of the last n events. */
    public long oldest() { return total >= times.length ? times[next] : times[0]; }

    public long total() { return total; }

    public int size() { return times.length; }
}
