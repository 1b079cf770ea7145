package io.sentinel.detect.state;

import java.util.function.LongFunction;

/**
 * A bounded map from a 64-bit key (a MAC address, or a mix of several) to a state object, in
 * least-recently-touched order. It never holds more than its capacity: inserting into a full
 * table evicts the entry touched longest ago, and {@link #expire} drops entries not touched
 * since a cutoff. Open addressing over primitive arrays: lookups allocate nothing.
 */
public final class LongLruTable<V> {
    private static final int NIL = -1;

    private final int capacity;
    private final long[] keys;
    private final Object[] values;
    private final long[] touched;
    private final int[] prev, next;
    /** Hash index: entry number + 1, 0 when empty. */
    private final int[] index;
    private final int mask;
    private int head = NIL, tail = NIL, size, free;
    private long evictions;

    public LongLruTable(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be positive");
        this.capacity = capacity;
        keys = new long[capacity];
        values = new Object[capacity];
        touched = new long[capacity];
        prev = new int[capacity];
        next = new int[capacity];
        int n = Integer.highestOneBit(Math.max(4, capacity * 2 - 1)) << 1;
        index = new int[n];
        mask = n - 1;
        for (int i = 0; i < capacity; i++) next[i] = i + 1 < capacity ? i + 1 : NIL;
        free = 0;
    }

    private static int hash(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return (int) k;
    }

    private int slotOf(long key) {
        int s = hash(key) & mask;
        while (true) {
            int e = index[s];
            if (e == 0) return -1 - s;
            if (keys[e - 1] == key) return s;
            s = (s + 1) & mask;
        }
    }

    /** The value for {@code key} without changing its recency, or null. */
    @SuppressWarnings("unchecked")
    public V get(long key) {
        int s = slotOf(key);
        return s < 0 ? null : (V) values[index[s] - 1];
    }

    /** The value for {@code key}, marked as touched at {@code now}, or null. */
    @SuppressWarnings("unchecked")
    public V touch(long key, long now) {
        int s = slotOf(key);
        if (s < 0) return null;
        int e = index[s] - 1;
        moveToTail(e, now);
        return (V) values[e];
    }

    /** Touches the value for {@code key}, creating it (and evicting the eldest if full) when absent. */
    @SuppressWarnings("unchecked")
    public V touchOrCreate(long key, long now, LongFunction<V> create) {
        int s = slotOf(key);
        if (s >= 0) {
            int e = index[s] - 1;
            moveToTail(e, now);
            return (V) values[e];
        }
        V v = create.apply(key);
        put(key, v, now);
        return v;
    }

    /** Inserts or replaces. */
    public void put(long key, V value, long now) {
        int s = slotOf(key);
        if (s >= 0) {
            int e = index[s] - 1;
            values[e] = value;
            moveToTail(e, now);
            return;
        }
        if (size == capacity) {
            evictions++;
            remove(keys[head]);
            s = slotOf(key);
        }
        int e = free;
        free = next[e];
        keys[e] = key;
        values[e] = value;
        touched[e] = now;
        index[-1 - s] = e + 1;
        link(e);
        size++;
    }

    /** Removes {@code key}; returns its value or null. */
    @SuppressWarnings("unchecked")
    public V remove(long key) {
        int s = slotOf(key);
        if (s < 0) return null;
        int e = index[s] - 1;
        V v = (V) values[e];
        deleteSlot(s);
        unlink(e);
        values[e] = null;
        next[e] = free;
        free = e;
        size--;
        return v;
    }

    /** Removes every entry last touched before {@code cutoff}; returns how many. */
    public int expire(long cutoff) {
        int n = 0;
        while (head != NIL && touched[head] < cutoff) {
            remove(keys[head]);
            n++;
        }
        return n;
    }

    /** Removes every entry last touched before {@code cutoff}, handing each to {@code onRemove} first. */
    @SuppressWarnings("unchecked")
    public int expire(long cutoff, Visitor<V> onRemove) {
        int n = 0;
        while (head != NIL && touched[head] < cutoff) {
            int e = head;
            onRemove.visit(keys[e], (V) values[e], touched[e]);
            remove(keys[e]);
            n++;
        }
        return n;
    }

    /** Visits entries from least to most recently touched. */
    @SuppressWarnings("unchecked")
    public void forEach(Visitor<V> visitor) {
        for (int e = head; e != NIL; e = next[e]) visitor.visit(keys[e], (V) values[e], touched[e]);
    }

    @FunctionalInterface
    public interface Visitor<V> {
        void visit(long key, V value, long touched);
    }

    public int size() { return size; }

    public int capacity() { return capacity; }

    public long evictions() { return evictions; }

    private void deleteSlot(int s) {
        // backward-shift deletion keeps probe chains intact without tombstones
        int i = s;
        index[i] = 0;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            int e = index[j];
            if (e == 0) return;
            int home = hash(keys[e - 1]) & mask;
            boolean movable = i <= j ? (home <= i || home > j) : (home <= i && home > j);
            if (movable) {
                index[i] = e;
                index[j] = 0;
                i = j;
            }
        }
    }

    private void link(int e) {
        prev[e] = tail;
        next[e] = NIL;
        if (tail != NIL) next[tail] = e; else head = e;
        tail = e;
    }

    private void unlink(int e) {
        int p = prev[e], n = next[e];
        if (p != NIL) next[p] = n; else head = n;
        if (n != NIL) prev[n] = p; else tail = p;
    }

    private void moveToTail(int e, long now) {
        if (now > touched[e]) touched[e] = now;
        if (e == tail) return;
        unlink(e);
        link(e);
    }
}
