package io.sentinel.store.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The semantics every {@link IngestQueue} implementation shares. */
abstract class IngestQueueContract {
    static final String G = IngestQueue.DEFAULT_GROUP;

    /** A new, empty queue with room for {@code capacity} unacknowledged entries. */
    abstract IngestQueue queue(int capacity);

    static Envelope telemetry(String sensor, String batch) {
        return new Envelope(Envelope.Kind.TELEMETRY, sensor, batch, Instant.ofEpochMilli(1_700_000_000_123L),
                "{\"batch_id\":\"" + batch + "\"}");
    }

    @Test
    void appendedEntriesAreReadOnceAndAcknowledgedEntriesLeaveTheDepth() {
        try (IngestQueue q = queue(100)) {
            q.ensureGroup(G);
            assertThat(q.append(telemetry("s1", "b1"))).isInstanceOf(AppendResult.Accepted.class);
            assertThat(q.append(telemetry("s1", "b2"))).isInstanceOf(AppendResult.Accepted.class);
            assertThat(q.depth()).isEqualTo(2);
            List<QueueEntry> got = q.read(G, "c1", 10, Duration.ofMillis(100));
            assertThat(got).extracting(e -> e.envelope().batchId()).containsExactly("b1", "b2");
            assertThat(got.get(0).envelope()).isEqualTo(telemetry("s1", "b1"));
            assertThat(got.get(0).deliveries()).isEqualTo(1);
            assertThat(q.read(G, "c2", 10, Duration.ofMillis(50))).as("not delivered twice").isEmpty();
            assertThat(q.depth()).as("pending still counts").isEqualTo(2);
            q.ack(G, List.of(got.get(0).id(), got.get(1).id()));
            assertThat(q.depth()).isZero();
        }
    }

    @Test
    void theSameSensorAndBatchIdIsAcceptedOnceButHeartbeatsAlways() {
        try (IngestQueue q = queue(100)) {
            q.ensureGroup(G);
            assertThat(q.append(telemetry("s1", "b1"))).isInstanceOf(AppendResult.Accepted.class);
            assertThat(q.append(telemetry("s1", "b1"))).isInstanceOf(AppendResult.Duplicate.class);
            assertThat(q.append(telemetry("s2", "b1"))).isInstanceOf(AppendResult.Accepted.class);
            Envelope hb = new Envelope(Envelope.Kind.HEARTBEAT, "s1", "hb", Instant.now(), "{}");
            assertThat(q.append(hb)).isInstanceOf(AppendResult.Accepted.class);
            assertThat(q.append(hb)).isInstanceOf(AppendResult.Accepted.class);
            assertThat(q.depth()).isEqualTo(4);
        }
    }

    @Test
    void aFullQueueRefusesInsteadOfGrowing() {
        try (IngestQueue q = queue(3)) {
            q.ensureGroup(G);
            for (int i = 0; i < 3; i++) {
                assertThat(q.append(telemetry("s1", "b" + i))).isInstanceOf(AppendResult.Accepted.class);
            }
            assertThat(q.append(telemetry("s1", "b9"))).isEqualTo(new AppendResult.Full(3));
            List<QueueEntry> got = q.read(G, "c1", 1, Duration.ofMillis(100));
            q.ack(G, List.of(got.get(0).id()));
            assertThat(q.append(telemetry("s1", "b9"))).as("the refused batch was not remembered")
                    .isInstanceOf(AppendResult.Accepted.class);
        }
    }

    @Test
    void entriesOfADeadConsumerAreClaimedByAnotherWithGrowingDeliveryCount() throws Exception {
        try (IngestQueue q = queue(100)) {
            q.ensureGroup(G);
            q.append(telemetry("s1", "b1"));
            List<QueueEntry> taken = q.read(G, "dead-worker", 10, Duration.ofMillis(100));
            assertThat(taken).hasSize(1);
            assertThat(q.claimIdle(G, "live-worker", Duration.ofSeconds(30), 10)).as("not idle long enough").isEmpty();
            Thread.sleep(150);
            List<QueueEntry> claimed = q.claimIdle(G, "live-worker", Duration.ofMillis(100), 10);
            assertThat(claimed).hasSize(1);
            assertThat(claimed.get(0).id()).isEqualTo(taken.get(0).id());
            assertThat(claimed.get(0).envelope()).isEqualTo(taken.get(0).envelope());
            assertThat(claimed.get(0).deliveries()).isEqualTo(2);
            q.ack(G, List.of(claimed.get(0).id()));
            assertThat(q.depth()).isZero();
        }
    }

    @Test
    void poisonEntriesMoveToTheDeadLetterStreamWithTheirError() {
        try (IngestQueue q = queue(100)) {
            q.ensureGroup(G);
            q.append(telemetry("s1", "poison"));
            QueueEntry e = q.read(G, "c1", 1, Duration.ofMillis(100)).get(0);
            q.deadLetter(G, e, "items[0].mac: bad");
            assertThat(q.depth()).isZero();
            assertThat(q.deadLetterCount()).isEqualTo(1);
            DeadLetter d = q.deadLetters(10).get(0);
            assertThat(d.originalId()).isEqualTo(e.id());
            assertThat(d.error()).isEqualTo("items[0].mac: bad");
            assertThat(d.envelope()).isEqualTo(e.envelope());
        }
    }

    @Test
    void aReplayedDeadLetterIsDeliveredAfreshAndLeavesTheDeadLetters() {
        try (IngestQueue q = queue(100)) {
            q.ensureGroup(G);
            q.append(telemetry("s1", "poison"));
            q.append(telemetry("s1", "other"));
            QueueEntry first = q.read(G, "c1", 1, Duration.ofMillis(100)).get(0);
            q.deadLetter(G, first, "PSQLException: invalid byte sequence");
            DeadLetter d = q.deadLetters(10).get(0);
            assertThat(q.replayDeadLetter("9-9")).as("unknown id").isEmpty();
            assertThat(q.replayDeadLetter("not an id")).as("not an id").isEmpty();
            assertThat(q.deadLetterCount()).isEqualTo(1);

            var replayed = q.replayDeadLetter(d.id());
            assertThat(replayed).get().isInstanceOf(AppendResult.Accepted.class);
            assertThat(q.deadLetterCount()).isZero();
            assertThat(q.deadLetters(10)).isEmpty();
            assertThat(q.replayDeadLetter(d.id())).as("replayed once only").isEmpty();
            assertThat(q.depth()).isEqualTo(2);
            List<QueueEntry> got = q.read(G, "c2", 10, Duration.ofMillis(100));
            assertThat(got).extracting(e -> e.envelope().batchId()).containsExactly("other", "poison");
            QueueEntry again = got.get(1);
            assertThat(again.envelope()).isEqualTo(first.envelope());
            assertThat(again.deliveries()).as("delivered afresh").isEqualTo(1);
            assertThat(again.id()).isEqualTo(((AppendResult.Accepted) replayed.get()).ackId());
        }
    }

    @Test
    void aReplayIntoAFullQueueKeepsTheDeadLetter() {
        try (IngestQueue q = queue(1)) {
            q.ensureGroup(G);
            q.append(telemetry("s1", "poison"));
            QueueEntry e = q.read(G, "c1", 1, Duration.ofMillis(100)).get(0);
            q.deadLetter(G, e, "bad");
            q.append(telemetry("s1", "fills"));
            String id = q.deadLetters(1).get(0).id();
            assertThat(q.replayDeadLetter(id)).get().isEqualTo(new AppendResult.Full(1));
            assertThat(q.deadLetterCount()).isEqualTo(1);
        }
    }

    static Envelope alerts(String sensor, String batch) {
        return new Envelope(Envelope.Kind.ALERTS, sensor, batch, Instant.ofEpochMilli(1_700_000_000_456L),
                "{\"batch_id\":\"" + batch + "\"}");
    }

    @Test
    void alertsAndHeartbeatsAreHandedOutBeforeATelemetryBacklog() throws Exception {
        try (IngestQueue q = queue(100)) {
            q.ensureGroup(G);
            for (int i = 0; i < 20; i++) {
                q.append(telemetry("s1", "t" + i));
            }
            q.append(alerts("s1", "a1"));
            q.append(new Envelope(Envelope.Kind.HEARTBEAT, "s1", "hb-1", Instant.ofEpochMilli(1_700_000_000_000L), "{}"));
            assertThat(q.depth()).isEqualTo(22);
            List<QueueEntry> first = q.read(G, "c1", 5, Duration.ofMillis(100));
            assertThat(first).extracting(e -> e.envelope().batchId()).startsWith("a1", "hb-1");
            assertThat(first.get(2).envelope().batchId()).isEqualTo("t0");
            // acknowledging and dead-lettering work in both lanes
            q.ack(G, List.of(first.get(1).id(), first.get(2).id()));
            q.deadLetter(G, first.get(0), "bad alert");
            assertThat(q.depth()).isEqualTo(19);
            DeadLetter d = q.deadLetters(1).get(0);
            assertThat(d.originalId()).isEqualTo(first.get(0).id());
            assertThat(d.envelope()).isEqualTo(alerts("s1", "a1"));
            // a replayed alert goes back to the urgent lane
            q.replayDeadLetter(d.id());
            List<QueueEntry> next = q.read(G, "c1", 1, Duration.ofMillis(100));
            assertThat(next).as("up to max of each lane").extracting(e -> e.envelope().batchId()).containsExactly("a1", "t5");
            // claiming takes the urgent lane first too
            Thread.sleep(150);
            List<QueueEntry> claimed = q.claimIdle(G, "c2", Duration.ofMillis(100), 2);
            assertThat(claimed).extracting(e -> e.envelope().batchId()).startsWith("a1");
            q.ack(G, claimed.stream().map(QueueEntry::id).toList());
            assertThat(q.depth()).isEqualTo(18);
        }
    }

    @Test
    void aTelemetryBacklogAtCapacityLeavesRoomForAlerts() {
        try (IngestQueue q = queue(2)) {
            q.ensureGroup(G);
            q.append(telemetry("s1", "t1"));
            q.append(telemetry("s1", "t2"));
            assertThat(q.append(telemetry("s1", "t3"))).isInstanceOf(AppendResult.Full.class);
            assertThat(q.append(alerts("s1", "a1"))).isInstanceOf(AppendResult.Accepted.class);
        }
    }

    @Test
    void readWaitsForAnEntryAppendedMeanwhile() throws Exception {
        try (IngestQueue q = queue(100)) {
            q.ensureGroup(G);
            Thread t = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
                q.append(telemetry("s1", "late"));
            });
            List<QueueEntry> got = q.read(G, "c1", 10, Duration.ofSeconds(5));
            t.join();
            assertThat(got).extracting(e -> e.envelope().batchId()).containsExactly("late");
        }
    }

    @Test
    void aPayloadComesBackCharacterForCharacterWhateverItsTextAndSize() {
        // multi-byte UTF-8 (2, 3 and 4 bytes), a JSON-escaped NUL and a body of a megabyte
        String text = "{\"ssid\":\"caf\u00e9 \u7f51\u7edc \ud83d\udce1 \\u0000 \\\"q\\\"\",\"pad\":\""
                + "x".repeat(1 << 20) + "\"}";
        Envelope big = new Envelope(Envelope.Kind.TELEMETRY, "s1", "utf8", Instant.ofEpochMilli(1_700_000_000_123L), text);
        try (IngestQueue q = queue(100)) {
            q.ensureGroup(G);
            assertThat(q.append(big)).isInstanceOf(AppendResult.Accepted.class);
            List<QueueEntry> got = q.read(G, "c1", 10, Duration.ofSeconds(2));
            assertThat(got).hasSize(1);
            assertThat(got.getFirst().envelope().payload()).isEqualTo(text);
            assertThat(got.getFirst().envelope()).isEqualTo(big);
        }
    }
}
