package io.sentinel.app.queue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentinel.controller.ingest.DeadLetterRoutes;
import io.sentinel.protocol.wire.Wire;
import io.sentinel.store.queue.DeadLetterReplay;
import io.sentinel.store.queue.IngestQueue;
import io.sentinel.store.queue.Redis;
import io.sentinel.store.queue.RedisStreamQueue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The dead letters of one queue, reached directly or through a controller's API. */
interface DeadLetterAccess extends AutoCloseable {

    /** Dead letters held, newest first, in the API's listing form. */
    record Listing(long total, List<Map<String, Object>> items) {
        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("total", total);
            m.put("items", items);
            return m;
        }
    }

    /** What a replay did. */
    record Replayed(int replayed, List<String> missing, boolean queueFull, long remaining) {}

    Listing list(int limit) throws Exception;

    /** Replays {@code ids}, or (with {@code all}) those held now. */
    Replayed replay(List<String> ids, boolean all) throws Exception;

    @Override
    void close();

    /** The queue itself (Redis in production). */
    final class Direct implements DeadLetterAccess {
        private final IngestQueue queue;
        private final AutoCloseable owner;

        Direct(IngestQueue queue, AutoCloseable owner) {
            this.queue = queue;
            this.owner = owner;
        }

        static Direct redis(String url, String stream) {
            Redis redis = Redis.connect(url);
            return new Direct(new RedisStreamQueue(redis, stream, 100_000, Duration.ofHours(24)), redis);
        }

        @Override
        public Listing list(int limit) {
            return new Listing(queue.deadLetterCount(), queue.deadLetters(limit).stream().map(DeadLetterRoutes::toJson).toList());
        }

        @Override
        public Replayed replay(List<String> ids, boolean all) {
            DeadLetterReplay.Outcome o = all ? DeadLetterReplay.replayHeld(queue, DeadLetterRoutes.MAX_PER_REQUEST)
                    : DeadLetterReplay.replay(queue, ids);
            return new Replayed(o.replayed().size(), o.missing(), o.queueFull(), queue.deadLetterCount());
        }

        @Override
        public void close() {
            queue.close();
            try {
                owner.close();
            } catch (Exception e) {
                // closing a connection; nothing left to do
            }
        }
    }

    /** A controller's {@code /api/v1/dead-letters} (admin token). */
    final class Api implements DeadLetterAccess {
        private final URI base;
        private final String token;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

        Api(URI base, String token) {
            if (base.getScheme() == null || !(base.getScheme().equals("http") || base.getScheme().equals("https"))) {
                throw new IllegalArgumentException("--controller must be an http(s) URL");
            }
            this.base = base;
            this.token = token;
        }

        @Override
        public Listing list(int limit) throws IOException, InterruptedException {
            JsonNode body = send(HttpRequest.newBuilder(base.resolve("/api/v1/dead-letters?limit=" + limit)).GET());
            List<Map<String, Object>> items = new ArrayList<>();
            for (JsonNode item : body.path("items")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = Wire.mapper().convertValue(item, LinkedHashMap.class);
                items.add(m);
            }
            return new Listing(body.path("total").asLong(), items);
        }

        @Override
        public Replayed replay(List<String> ids, boolean all) throws IOException, InterruptedException {
            Map<String, Object> req = all ? Map.of("all", true) : Map.of("ids", ids);
            JsonNode body = send(HttpRequest.newBuilder(base.resolve("/api/v1/dead-letters/replay"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Wire.write(req))));
            List<String> missing = new ArrayList<>();
            body.path("missing").forEach(n -> missing.add(n.asText()));
            return new Replayed(body.path("replayed").size(), missing, body.path("queue_full").asBoolean(),
                    body.path("remaining").asLong());
        }

        private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
            HttpResponse<byte[]> r = http.send(request.header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body;
            try {
                body = Wire.mapper().readTree(r.body());
            } catch (IOException e) {
                throw new IOException("controller answered " + r.statusCode() + " without JSON");
            }
            if (r.statusCode() != 200 && !(r.statusCode() == 503 && body.has("queue_full"))) {
                throw new IOException("controller answered " + r.statusCode() + ": "
                        + DeadLetterText.printable(body.path("detail").asText(body.path("error").asText())));
            }
            return body;
        }

        @Override
        public void close() {
            http.close();
        }
    }
}
