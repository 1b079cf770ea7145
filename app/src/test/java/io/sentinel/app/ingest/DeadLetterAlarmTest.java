package io.sentinel.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentinel.app.Sentinel;
import io.sentinel.protocol.signing.RequestSigner;
import io.sentinel.protocol.wire.Wire;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/**
 * Dead letters are an alarm, and an operator can replay them after the fix: a batch the database
 * refuses (a trigger stands in for the bug) is dead-lettered; {@code /readyz} names it while the
 * controller stays ready, {@code /metrics} counts it, the admin API and
 * {@code sentinel queue dead-letters list} show it; after the fix {@code replay} stores it and the
 * alarm clears. Against Redis Streams (CLI straight to Redis) and the in-process queue of
 * {@code sentinel up} (CLI through the controller's API).
 */
class DeadLetterAlarmTest {
    private static final Instant NOW = Instant.now().minusSeconds(30);

    private static byte[] batch(String sensor, String batchId, int macByte) {
        String item = "{\"kind\":\"ap\",\"mac\":\"02:00:00:70:00:" + String.format("%02x", macByte)
                + "\",\"ssid\":\"lab\",\"channel\":6,\"rssi_min\":-70,\"rssi_avg\":-60.5,\"rssi_max\":-50,\"first_seen\":"
                + NOW.getEpochSecond() + ",\"last_seen\":" + (NOW.getEpochSecond() + 5) + ",\"frames\":{\"beacon\":50}}";
        return ("{\"batch_id\":\"" + batchId + "\",\"sensor_id\":\"" + sensor + "\",\"items\":[" + item + "]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private record Run(int code, String out, String err) {}

    private static Run sentinel(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Sentinel.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static List<String> target(IngestStack stack, IngestStack.QueueKind kind, Path tokenFile) {
        return kind == IngestStack.QueueKind.REDIS
                ? List.of("--redis-url", stack.redisUrl(), "--stream", stack.stream())
                : List.of("--controller", stack.base(), "--token-file", tokenFile.toString());
    }

    private static String[] args(List<String> head, List<String> target, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(target);
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }

    @ParameterizedTest
    @EnumSource(IngestStack.QueueKind.class)
    void aDeadLetterRaisesTheAlarmUntilItIsReplayedAfterTheFix(IngestStack.QueueKind kind) throws Exception {
        Path tokenFile = Files.createTempFile("sentinel-admin", ".token");
        Files.writeString(tokenFile, IngestStack.ADMIN + "\n");
        try (IngestStack stack = IngestStack.start(kind, s -> s.withMaxDeliveries(2).withClaimIdle(Duration.ofMillis(300)))) {
            String sensor = "dl-" + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            RequestSigner signer = stack.enrol(sensor);
            try (Connection c = stack.db.connection(); Statement s = c.createStatement()) {
                s.execute("""
                        CREATE OR REPLACE FUNCTION refuse_dl() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN IF NEW.batch_id = 'dl-poison' THEN RAISE EXCEPTION 'refused by the stand-in bug'; END IF;
                        RETURN NEW; END $$;
                        CREATE TRIGGER refuse_dl BEFORE INSERT ON ingest_batches FOR EACH ROW EXECUTE FUNCTION refuse_dl();
                        """);
            }
            JsonNode before = Wire.mapper().readTree(stack.getPublic("/readyz").body());
            assertThat(before.get("dead_letters").asLong()).isZero();
            assertThat(before.get("warnings")).isEmpty();

            assertThat(stack.post(signer, "/api/v1/telemetry", batch(sensor, "dl-poison", 1)).statusCode()).isEqualTo(202);
            assertThat(stack.post(signer, "/api/v1/telemetry", batch(sensor, "dl-good", 2)).statusCode()).isEqualTo(202);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (stack.queue.deadLetterCount() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            stack.awaitStored(Duration.ofSeconds(30));
            assertThat(stack.queue.deadLetterCount()).isEqualTo(1);
            assertThat(stack.count("SELECT count(*) FROM telemetry WHERE batch_id = 'dl-good'")).isEqualTo(1);

            // the alarm: readiness detail (still ready), metrics, API, CLI
            Thread.sleep(2_100); // the alarm reads the count at most every 2 s
            var ready = stack.getPublic("/readyz");
            assertThat(ready.statusCode()).as("new data is still stored: ready").isEqualTo(200);
            JsonNode readyBody = Wire.mapper().readTree(ready.body());
            assertThat(readyBody.get("dead_letters").asLong()).isEqualTo(1);
            assertThat(readyBody.get("warnings").get(0).asText()).contains("1 dead-lettered ingest entry")
                    .contains("sentinel queue dead-letters list");
            String metrics = stack.getPublic("/metrics").body();
            assertThat(metrics).containsPattern("(?m)^sentinel_ingest_dead_letters(\\{[^}]*\\})? 1\\.0$");

            JsonNode listed = stack.get("/api/v1/dead-letters");
            assertThat(listed.get("total").asLong()).isEqualTo(1);
            JsonNode d = listed.get("items").get(0);
            assertThat(d.get("batch_id").asText()).isEqualTo("dl-poison");
            assertThat(d.get("sensor_id").asText()).isEqualTo(sensor);
            assertThat(d.get("kind").asText()).isEqualTo("telemetry");
            assertThat(d.get("deliveries").asLong()).isEqualTo(2);
            assertThat(d.get("error").asText()).contains("refused by the stand-in bug");

            List<String> target = target(stack, kind, tokenFile);
            Run list = sentinel(args(List.of("queue", "dead-letters", "list"), target));
            assertThat(list.code()).as(list.err()).isZero();
            assertThat(list.out()).contains("1 dead letter held").contains(d.get("id").asText()).contains("dl-poison")
                    .contains("refused by the stand-in bug");
            Run json = sentinel(args(List.of("queue", "dead-letters", "list"), target, "--json"));
            assertThat(Wire.mapper().readTree(json.out()).get("items").get(0).get("id").asText()).isEqualTo(d.get("id").asText());

            // bad requests are refused with a reason
            var bad = stack.postAdmin("/api/v1/dead-letters/replay", "{\"ids\":[\"x; DROP\"]}");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(Wire.mapper().readTree(bad.body()).get("field").asText()).isEqualTo("ids[0]");
            assertThat(stack.postAdmin("/api/v1/dead-letters/replay", "{}").statusCode()).isEqualTo(400);
            assertThat(stack.postAdmin("/api/v1/dead-letters/replay", "{\"all\":true,\"ids\":[\"1-1\"]}").statusCode())
                    .isEqualTo(400);

            // the fix, then the replay: stored once, the alarm clears
            try (Connection c = stack.db.connection(); Statement s = c.createStatement()) {
                s.execute("DROP TRIGGER refuse_dl ON ingest_batches");
            }
            Run replay = sentinel(args(List.of("queue", "dead-letters", "replay"), target, "--all"));
            assertThat(replay.code()).as(replay.err()).isZero();
            assertThat(replay.out()).contains("replayed 1");
            stack.awaitStored(Duration.ofSeconds(30));
            assertThat(stack.count("SELECT count(*) FROM telemetry WHERE batch_id = 'dl-poison'")).isEqualTo(1);
            assertThat(stack.count("SELECT count(*) FROM ingest_batches WHERE batch_id = 'dl-poison'")).isEqualTo(1);
            assertThat(stack.queue.deadLetterCount()).isZero();
            Run again = sentinel(args(List.of("queue", "dead-letters", "replay"), target, d.get("id").asText()));
            assertThat(again.code()).as(again.err()).isZero();
            assertThat(again.out()).contains("replayed 0").contains("not held: " + d.get("id").asText());
            Thread.sleep(2_100);
            JsonNode after = Wire.mapper().readTree(stack.getPublic("/readyz").body());
            assertThat(after.get("dead_letters").asLong()).isZero();
            assertThat(after.get("warnings")).isEmpty();
            assertThat(stack.count("SELECT count(*) FROM audit_log WHERE action = 'ingest.dead_letters.replay'"))
                    .as("API replays are audited").isEqualTo(kind == IngestStack.QueueKind.REDIS ? 0 : 2);
        } finally {
            Files.deleteIfExists(tokenFile);
        }
    }

    @Test
    void theCommandRefusesWithoutAQueueToReach() {
        Run r = sentinel("queue", "dead-letters", "list", "--redis-url", "");
        assertThat(r.code()).isEqualTo(Sentinel.EXIT_CONFIG);
        assertThat(r.err()).contains("--controller URL or --redis-url");
    }
}
