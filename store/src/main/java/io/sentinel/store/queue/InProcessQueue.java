package io.sentinel.store.queue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded in-memory {@link IngestQueue} for {@code sentinel up} and tests, with the same
 * semantics as the Redis one within one process (entries do not survive a restart). All
 * consumer groups share one set of entries.
 */
public final class InProcessQueue implements IngestQueue {
    private static final int DEDUP_KEYS = 100_000;
    private static final int DEAD_LETTERS = 10_000;

    private final int capacity;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private final LinkedHashMap<String, Item> entries = new LinkedHashMap<>();
    private final ArrayDeque<String> undelivered = new ArrayDeque<>();
    private final ArrayDeque<String> undeliveredUrgent = new ArrayDeque<>();
    private int urgentEntries;
    private final LinkedHashMap<String, Boolean> seen = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > DEDUP_KEYS;
        }
    };
    private final ArrayDeque<DeadLetter> dead = new ArrayDeque<>();
    private long sequence;

    private static final class Item {
        final Envelope envelope;
        String consumer;
        long deliveredAtNanos;
        long deliveries;

        Item(Envelope envelope) {
            this.envelope = envelope;
        }
    }

    /** @param capacity most unacknowledged entries; {@link #append} answers {@code Full} beyond it */
    public InProcessQueue(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.clock = clock;
    }

    public InProcessQueue(int capacity) {
        this(capacity, Clock.systemUTC());
    }

    @Override
    public AppendResult append(Envelope envelope) {
        lock.lock();
        try {
            if (envelope.deduplicated() && seen.containsKey(envelope.dedupKey())) {
                return new AppendResult.Duplicate();
            }
            int inLane = envelope.urgent() ? urgentEntries : entries.size() - urgentEntries;
            if (inLane >= capacity) {
                return new AppendResult.Full(inLane);
            }
            if (envelope.deduplicated()) {
                seen.put(envelope.dedupKey(), Boolean.TRUE);
            }
            return new AppendResult.Accepted(enqueue(envelope));
        } finally {
            lock.unlock();
        }
    }

    private String enqueue(Envelope envelope) {
        String id = clock.millis() + "-" + (sequence++);
        entries.put(id, new Item(envelope));
        if (envelope.urgent()) {
            urgentEntries++;
            undeliveredUrgent.addLast(id);
        } else {
            undelivered.addLast(id);
        }
        appended.signalAll();
        return id;
    }

    private void remove(String id) {
        Item it = entries.remove(id);
        if (it != null && it.envelope.urgent()) {
            urgentEntries--;
        }
    }

    @Override
    public long depth() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void ensureGroup(String group) {
        // one implicit group
    }

    @Override
    public List<QueueEntry> read(String group, String consumer, int max, Duration block) {
        return read(consumer, max, block, false);
    }

    @Override
    public List<QueueEntry> readUrgent(String group, String consumer, int max, Duration block) {
        return read(consumer, max, block, true);
    }

    private List<QueueEntry> read(String consumer, int max, Duration block, boolean urgentOnly) {
        long deadline = System.nanoTime() + block.toNanos();
        lock.lock();
        try {
            while (undeliveredUrgent.isEmpty() && (urgentOnly || undelivered.isEmpty())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return List.of();
                }
                appended.awaitNanos(left);
            }
            List<QueueEntry> out = new ArrayList<>();
            for (ArrayDeque<String> lane : urgentOnly ? List.of(undeliveredUrgent) : List.of(undeliveredUrgent, undelivered)) {
                int taken = 0;
                while (!lane.isEmpty() && taken < max) {
                    String id = lane.pollFirst();
                    Item it = entries.get(id);
                    if (it != null) {
                        out.add(deliver(id, it, consumer));
                        taken++;
                    }
                }
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<QueueEntry> claimIdle(String group, String consumer, Duration minIdle, int max) {
        long now = System.nanoTime();
        lock.lock();
        try {
            List<QueueEntry> out = new ArrayList<>();
            for (boolean urgent : new boolean[] {true, false}) {
                for (Map.Entry<String, Item> e : entries.entrySet()) {
                    if (out.size() >= max) {
                        break;
                    }
                    Item it = e.getValue();
                    if (it.envelope.urgent() == urgent && it.consumer != null
                            && now - it.deliveredAtNanos >= minIdle.toNanos()) {
                        out.add(deliver(e.getKey(), it, consumer));
                    }
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    private QueueEntry deliver(String id, Item it, String consumer) {
        it.consumer = consumer;
        it.deliveredAtNanos = System.nanoTime();
        it.deliveries++;
        return new QueueEntry(id, it.envelope, it.deliveries);
    }

    @Override
    public void ack(String group, List<String> ids) {
        lock.lock();
        try {
            for (String id : ids) {
                remove(id);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void deadLetter(String group, QueueEntry entry, String error) {
        lock.lock();
        try {
            if (!entries.containsKey(entry.id())) {
                return;
            }
            remove(entry.id());
            undelivered.remove(entry.id());
            undeliveredUrgent.remove(entry.id());
            dead.addFirst(new DeadLetter(clock.millis() + "-" + (sequence++), entry.id(), entry.envelope(), error,
                    entry.deliveries(), clock.instant()));
            while (dead.size() > DEAD_LETTERS) {
                dead.removeLast();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long deadLetterCount() {
        lock.lock();
        try {
            return dead.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<DeadLetter> deadLetters(int max) {
        lock.lock();
        try {
            List<DeadLetter> out = new ArrayList<>();
            Iterator<DeadLetter> it = dead.iterator();
            while (it.hasNext() && out.size() < max) {
                out.add(it.next());
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public java.util.Optional<AppendResult> replayDeadLetter(String deadLetterId) {
        lock.lock();
        try {
            DeadLetter found = null;
            for (DeadLetter d : dead) {
                if (d.id().equals(deadLetterId)) {
                    found = d;
                    break;
                }
            }
            if (found == null) {
                return java.util.Optional.empty();
            }
            int inLane = found.envelope().urgent() ? urgentEntries : entries.size() - urgentEntries;
            if (inLane >= capacity) {
                return java.util.Optional.of(new AppendResult.Full(inLane));
            }
            dead.remove(found);
            return java.util.Optional.of(new AppendResult.Accepted(enqueue(found.envelope())));
        } finally {
            lock.unlock();
        }
    }

    /** Waits until every entry is acknowledged or the timeout passes; true when drained. */
    public boolean awaitDrained(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (depth() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return true;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            appended.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
