package io.sentinel.store.queue;

import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.models.stream.PendingMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link IngestQueue} on two Redis Streams with a consumer group: {@code <stream>} for telemetry
 * and {@code <stream>:urgent} for alerts and heartbeats. Entry ids of the urgent lane are the
 * stream id prefixed with {@code u}.
 *
 * <ul>
 *   <li>append: one Lua script refuses when the stream holds {@code capacity} unacknowledged
 *       entries, records the (sensor, batch) key with {@code SET NX EX} and {@code XADD}s with
 *       {@code MAXLEN ~ 2*capacity} (a backstop that the capacity check keeps from trimming
 *       unacknowledged entries);
 *   <li>read: one {@code XREADGROUP ... STREAMS <stream>:urgent <stream> > >}; claim:
 *       {@code XAUTOCLAIM} (urgent lane first) then {@code XPENDING} for the delivery counts;
 *   <li>ack: {@code XACK} + {@code XDEL} in one script, so {@code XLEN} is the lag;
 *   <li>dead letter: {@code XADD} to {@code <stream>:dead} with the error, then ack, in one script;
 *   <li>replay: {@code XRANGE} of the dead letter, capacity check, {@code XADD} to the stream and
 *       {@code XDEL} from {@code <stream>:dead}, in one script.
 * </ul>
 */
public final class RedisStreamQueue implements IngestQueue {
    /** Default stream key. */
    public static final String DEFAULT_STREAM = "sentinel:ingest";
    /** Prefix of the entry ids of the urgent lane. */
    private static final String URGENT = "u";

    private static final String APPEND = """
            local depth = redis.call('XLEN', KEYS[1])
            if depth >= tonumber(ARGV[1]) then return {'full', tostring(depth)} end
            if ARGV[9] == '1' then
              if not redis.call('SET', KEYS[2], '1', 'NX', 'EX', ARGV[2]) then return {'dup', ''} end
            end
            local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[3], '*', 'kind', ARGV[4], 'sensor_id', ARGV[5],
              'batch_id', ARGV[6], 'received_at', ARGV[7], 'payload', ARGV[8])
            return {'ok', id}
            """;
    private static final String ACK = """
            local n = 0
            for i = 1, #ARGV do
              n = n + redis.call('XACK', KEYS[1], KEYS[2], ARGV[i])
              redis.call('XDEL', KEYS[1], ARGV[i])
            end
            return n
            """;
    private static final String DEAD = """
            if redis.call('XACK', KEYS[1], KEYS[3], ARGV[1]) == 0 then return 0 end
            redis.call('XADD', KEYS[2], 'MAXLEN', '~', '100000', '*', 'original_id', ARGV[9], 'kind', ARGV[2],
              'sensor_id', ARGV[3], 'batch_id', ARGV[4], 'received_at', ARGV[5], 'payload', ARGV[6],
              'error', ARGV[7], 'deliveries', ARGV[8])
            redis.call('XDEL', KEYS[1], ARGV[1])
            return 1
            """;

    private static final String REPLAY = """
            local found = redis.call('XRANGE', KEYS[2], ARGV[1], ARGV[1])
            if #found == 0 then return {'missing', ''} end
            local f = {}
            local fields = found[1][2]
            for i = 1, #fields, 2 do f[fields[i]] = fields[i + 1] end
            local lane = KEYS[1]
            local prefix = ''
            if f['kind'] ~= 'telemetry' then lane = KEYS[3]; prefix = 'u' end
            local depth = redis.call('XLEN', lane)
            if depth >= tonumber(ARGV[2]) then return {'full', tostring(depth)} end
            local id = redis.call('XADD', lane, 'MAXLEN', '~', ARGV[3], '*', 'kind', f['kind'],
              'sensor_id', f['sensor_id'], 'batch_id', f['batch_id'], 'received_at', f['received_at'],
              'payload', f['payload'])
            redis.call('XDEL', KEYS[2], ARGV[1])
            return {'ok', prefix .. id}
            """;

    private final Redis redis;
    private final String stream;
    private final String deadStream;
    private final String urgentStream;
    private final String dedupPrefix;
    private final long capacity;
    private final Duration dedupTtl;
    private final ReentrantLock readLock = new ReentrantLock();
    private StatefulRedisConnection<String, String> reader;

    /**
     * @param stream the stream key ({@link #DEFAULT_STREAM})
     * @param capacity most unacknowledged entries before append answers {@code Full}
     * @param dedupTtl how long a (sensor, batch id) is remembered
     */
    public RedisStreamQueue(Redis redis, String stream, long capacity, Duration dedupTtl) {
        this.redis = redis;
        this.stream = stream;
        this.deadStream = stream + ":dead";
        this.urgentStream = stream + ":urgent";
        this.dedupPrefix = stream + ":batch:";
        this.capacity = capacity;
        this.dedupTtl = dedupTtl;
    }

    /** The defaults: {@value #DEFAULT_STREAM}, 100,000 entries, batches remembered for 24 h. */
    public RedisStreamQueue(Redis redis) {
        this(redis, DEFAULT_STREAM, 100_000, Duration.ofHours(24));
    }

    @Override
    public AppendResult append(Envelope e) {
        try {
            List<Object> r = redis.commands().eval(APPEND, ScriptOutputType.MULTI,
                    new String[] {e.urgent() ? urgentStream : stream, dedupPrefix + e.dedupKey()},
                    Long.toString(capacity), Long.toString(Math.max(1, dedupTtl.toSeconds())),
                    Long.toString(capacity * 2), e.kind().wireName(), e.sensorId(), e.batchId(),
                    Long.toString(e.receivedAt().toEpochMilli()), e.payload(), e.deduplicated() ? "1" : "0");
            String status = String.valueOf(r.get(0));
            return switch (status) {
                case "ok" -> new AppendResult.Accepted((e.urgent() ? URGENT : "") + r.get(1));
                case "dup" -> new AppendResult.Duplicate();
                default -> new AppendResult.Full(Long.parseLong(String.valueOf(r.get(1))));
            };
        } catch (RedisException ex) {
            throw new QueueException("Redis append failed", ex);
        }
    }

    @Override
    public long depth() {
        try {
            return redis.commands().xlen(stream) + redis.commands().xlen(urgentStream);
        } catch (RedisException ex) {
            throw new QueueException("Redis XLEN failed", ex);
        }
    }

    @Override
    public void ensureGroup(String group) {
        for (String key : List.of(urgentStream, stream)) {
            try {
                redis.commands().xgroupCreate(XReadArgs.StreamOffset.from(key, "0"), group,
                        XGroupCreateArgs.Builder.mkstream());
            } catch (RedisBusyException ex) {
                // BUSYGROUP: exists already
            } catch (RedisException ex) {
                if (ex.getMessage() == null || !ex.getMessage().contains("BUSYGROUP")) {
                    throw new QueueException("Redis XGROUP CREATE failed", ex);
                }
            }
        }
    }

    private boolean urgentId(String id) {
        return id.startsWith(URGENT);
    }

    private String streamOf(String id) {
        return urgentId(id) ? urgentStream : stream;
    }

    private static String streamId(String id) {
        return id.startsWith(URGENT) ? id.substring(URGENT.length()) : id;
    }

    private String entryId(String streamKey, String streamId) {
        return streamKey.equals(urgentStream) ? URGENT + streamId : streamId;
    }

    @Override
    public List<QueueEntry> read(String group, String consumer, int max, Duration block) {
        return read(group, consumer, max, block, false);
    }

    @Override
    public List<QueueEntry> readUrgent(String group, String consumer, int max, Duration block) {
        return read(group, consumer, max, block, true);
    }

    private List<QueueEntry> read(String group, String consumer, int max, Duration block, boolean urgentOnly) {
        readLock.lock();
        try {
            if (reader == null || !reader.isOpen()) {
                reader = redis.newConnection();
            }
            XReadArgs args = XReadArgs.Builder.count(max).block(Math.max(1, block.toMillis()));
            List<StreamMessage<String, String>> msgs = urgentOnly
                    ? reader.sync().xreadgroup(Consumer.from(group, consumer), args,
                            XReadArgs.StreamOffset.lastConsumed(urgentStream))
                    : reader.sync().xreadgroup(Consumer.from(group, consumer), args,
                            XReadArgs.StreamOffset.lastConsumed(urgentStream), XReadArgs.StreamOffset.lastConsumed(stream));
            List<QueueEntry> out = new ArrayList<>(msgs.size());
            for (boolean urgent : new boolean[] {true, false}) {
                for (StreamMessage<String, String> m : msgs) {
                    if (urgentStream.equals(m.getStream()) == urgent) {
                        out.add(new QueueEntry(entryId(m.getStream(), m.getId()), envelope(m.getBody()), 1));
                    }
                }
            }
            return out;
        } catch (RedisException ex) {
            if (ex.getMessage() != null && ex.getMessage().contains("NOGROUP")) {
                ensureGroup(group);
                return List.of();
            }
            throw new QueueException("Redis XREADGROUP failed", ex);
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public List<QueueEntry> claimIdle(String group, String consumer, Duration minIdle, int max) {
        List<QueueEntry> out = new ArrayList<>();
        for (String key : List.of(urgentStream, stream)) {
            if (out.size() < max) {
                out.addAll(claimIdle(key, group, consumer, minIdle, max - out.size()));
            }
        }
        return out;
    }

    private List<QueueEntry> claimIdle(String key, String group, String consumer, Duration minIdle, int max) {
        try {
            ClaimedMessages<String, String> claimed = redis.commands().xautoclaim(key,
                    XAutoClaimArgs.Builder.xautoclaim(Consumer.from(group, consumer), minIdle, "0-0").count(max));
            List<StreamMessage<String, String>> msgs = claimed.getMessages();
            if (msgs.isEmpty()) {
                return List.of();
            }
            Map<String, Long> deliveries = new HashMap<>();
            List<PendingMessage> pending = redis.commands().xpending(key, Consumer.from(group, consumer),
                    Range.create(msgs.get(0).getId(), msgs.get(msgs.size() - 1).getId()),
                    Limit.from(Math.max(max, msgs.size()) * 2L));
            for (PendingMessage p : pending) {
                deliveries.put(p.getId(), p.getRedeliveryCount());
            }
            List<QueueEntry> out = new ArrayList<>(msgs.size());
            for (StreamMessage<String, String> m : msgs) {
                if (m.getBody() == null || m.getBody().isEmpty()) {
                    continue; // deleted meanwhile
                }
                out.add(new QueueEntry(entryId(key, m.getId()), envelope(m.getBody()),
                        deliveries.getOrDefault(m.getId(), 2L)));
            }
            return out;
        } catch (RedisException ex) {
            if (ex.getMessage() != null && ex.getMessage().contains("NOGROUP")) {
                ensureGroup(group);
                return List.of();
            }
            throw new QueueException("Redis XAUTOCLAIM failed", ex);
        }
    }

    @Override
    public void ack(String group, List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        try {
            for (boolean urgent : new boolean[] {true, false}) {
                String[] lane = ids.stream().filter(id -> urgentId(id) == urgent).map(RedisStreamQueue::streamId)
                        .toArray(String[]::new);
                if (lane.length > 0) {
                    redis.commands().eval(ACK, ScriptOutputType.INTEGER,
                            new String[] {urgent ? urgentStream : stream, group}, lane);
                }
            }
        } catch (RedisException ex) {
            throw new QueueException("Redis XACK failed", ex);
        }
    }

    @Override
    public void deadLetter(String group, QueueEntry entry, String error) {
        Envelope e = entry.envelope();
        try {
            redis.commands().eval(DEAD, ScriptOutputType.INTEGER, new String[] {streamOf(entry.id()), deadStream, group},
                    streamId(entry.id()), e.kind().wireName(), e.sensorId(), e.batchId(),
                    Long.toString(e.receivedAt().toEpochMilli()), e.payload(),
                    error == null ? "" : error, Long.toString(entry.deliveries()), entry.id());
        } catch (RedisException ex) {
            throw new QueueException("Redis dead-letter failed", ex);
        }
    }

    @Override
    public long deadLetterCount() {
        try {
            return redis.commands().xlen(deadStream);
        } catch (RedisException ex) {
            throw new QueueException("Redis XLEN failed", ex);
        }
    }

    @Override
    public List<DeadLetter> deadLetters(int max) {
        try {
            List<DeadLetter> out = new ArrayList<>();
            for (StreamMessage<String, String> m : redis.commands().xrevrange(deadStream, Range.create("-", "+"),
                    Limit.from(max))) {
                Map<String, String> b = m.getBody();
                long ms = Long.parseLong(m.getId().substring(0, m.getId().indexOf('-')));
                out.add(new DeadLetter(m.getId(), b.get("original_id"), envelope(b), b.get("error"),
                        Long.parseLong(b.getOrDefault("deliveries", "0")), Instant.ofEpochMilli(ms)));
            }
            return out;
        } catch (RedisException ex) {
            throw new QueueException("Redis XREVRANGE failed", ex);
        }
    }

    @Override
    public java.util.Optional<AppendResult> replayDeadLetter(String deadLetterId) {
        if (!isStreamId(deadLetterId)) {
            return java.util.Optional.empty();
        }
        try {
            List<Object> r = redis.commands().eval(REPLAY, ScriptOutputType.MULTI, new String[] {stream, deadStream, urgentStream},
                    deadLetterId, Long.toString(capacity), Long.toString(capacity * 2));
            return switch (String.valueOf(r.get(0))) {
                case "ok" -> java.util.Optional.of(new AppendResult.Accepted(String.valueOf(r.get(1))));
                case "full" -> java.util.Optional.of(new AppendResult.Full(Long.parseLong(String.valueOf(r.get(1)))));
                default -> java.util.Optional.empty();
            };
        } catch (RedisException ex) {
            throw new QueueException("Redis dead-letter replay failed", ex);
        }
    }

    /** A stream entry id ({@code <ms>-<seq>}); anything else is never one of ours. */
    static boolean isStreamId(String id) {
        return id != null && id.length() <= 41 && id.matches("[0-9]{1,20}-[0-9]{1,20}");
    }

    public String stream() {
        return stream;
    }

    private static Envelope envelope(Map<String, String> body) {
        return new Envelope(Envelope.Kind.parse(body.get("kind")), body.get("sensor_id"), body.get("batch_id"),
                Instant.ofEpochMilli(Long.parseLong(body.get("received_at"))), body.get("payload"));
    }

    @Override
    public void close() {
        readLock.lock();
        try {
            if (reader != null) {
                reader.close();
            }
        } finally {
            readLock.unlock();
        }
    }
}
