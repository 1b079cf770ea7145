package io.sentinel.controller.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.sentinel.controller.audit.Auditor;
import io.sentinel.controller.auth.Principal;
import io.sentinel.controller.auth.TokenAccess;
import io.sentinel.controller.auth.TokenAuthenticator;
import io.sentinel.controller.http.ApiException;
import io.sentinel.controller.http.QueryParams;
import io.sentinel.controller.http.RequestBodies;
import io.sentinel.store.queue.DeadLetter;
import io.sentinel.store.queue.DeadLetterReplay;
import io.sentinel.store.queue.IngestQueue;
import io.sentinel.store.token.Role;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The ingest queue's dead letters (admin): {@code GET /api/v1/dead-letters} lists them newest
 * first (without payloads), {@code POST /api/v1/dead-letters/replay} puts the named ones (or
 * all held when the request was made) back on the queue after the cause was fixed; every replay
 * is audited. The same for Redis Streams and the in-process queue of {@code sentinel up}, which
 * only this API can reach from outside the process.
 */
public final class DeadLetterRoutes {
    /** Most dead letters listed or replayed by one request. */
    public static final int MAX_PER_REQUEST = 1000;
    private static final Pattern ID = Pattern.compile("[0-9]{1,20}-[0-9]{1,20}");
    private static final TokenAccess ADMIN = TokenAccess.atLeast(Role.ADMIN);

    private final IngestQueue queue;
    private final RequestBodies bodies;
    private final Auditor auditor;

    public DeadLetterRoutes(IngestQueue queue, RequestBodies bodies, Auditor auditor) {
        this.queue = queue;
        this.bodies = bodies;
        this.auditor = auditor;
    }

    /** Body of {@code POST /api/v1/dead-letters/replay}: {@code ids}, or {@code all} true. */
    record Replay(@JsonProperty("ids") List<String> ids, @JsonProperty("all") Boolean all) {}

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/dead-letters", this::list, ADMIN);
        routes.post("/api/v1/dead-letters/replay", this::replay, ADMIN);
    }

    private void list(Context ctx) {
        QueryParams q = new QueryParams(ctx).allow(List.of("limit"));
        int limit = q.limit();
        List<DeadLetter> held = queue.deadLetters(limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", queue.deadLetterCount());
        body.put("items", held.stream().map(DeadLetterRoutes::toJson).toList());
        ctx.json(body);
    }

    private void replay(Context ctx) throws Exception {
        Principal who = TokenAuthenticator.current(ctx);
        Replay req = bodies.json(ctx, Replay.class);
        boolean all = Boolean.TRUE.equals(req.all());
        List<String> ids = req.ids() == null ? List.of() : req.ids();
        if (all == !ids.isEmpty()) {
            throw ApiException.badField("invalid_field", "ids", "give either ids (1 to " + MAX_PER_REQUEST
                    + " dead-letter ids) or \"all\": true");
        }
        if (ids.size() > MAX_PER_REQUEST) {
            throw ApiException.badField("invalid_field", "ids", "at most " + MAX_PER_REQUEST + " ids per request");
        }
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) == null || !ID.matcher(ids.get(i)).matches()) {
                throw ApiException.badField("invalid_field", "ids[" + i + "]", "a dead-letter id is <ms>-<seq>");
            }
        }
        DeadLetterReplay.Outcome out = all ? DeadLetterReplay.replayHeld(queue, MAX_PER_REQUEST)
                : DeadLetterReplay.replay(queue, ids);
        List<Map<String, Object>> replayed = out.replayed().stream()
                .map(r -> Map.<String, Object>of("id", r.id(), "entry_id", r.entryId())).toList();
        List<String> missing = out.missing();
        boolean full = out.queueFull();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("replayed", replayed.size());
        detail.put("missing", missing.size());
        detail.put("queue_full", full);
        detail.put("ids", replayed.stream().limit(20).map(r -> r.get("id")).toList());
        auditor.record(ctx, who, "ingest.dead_letters.replay", all ? "all" : ids.size() + " ids", detail);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("replayed", replayed);
        body.put("missing", missing);
        body.put("queue_full", full);
        body.put("remaining", queue.deadLetterCount());
        if (full && replayed.isEmpty()) {
            ctx.header("Retry-After", "5");
            ctx.status(503);
        }
        ctx.json(body);
    }

    /** The listing form of a dead letter (also printed by {@code sentinel queue dead-letters list}). */
    public static Map<String, Object> toJson(DeadLetter d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("original_id", d.originalId());
        m.put("kind", d.envelope().kind().wireName());
        m.put("sensor_id", d.envelope().sensorId());
        m.put("batch_id", d.envelope().batchId());
        m.put("received_at", d.envelope().receivedAt());
        m.put("dead_at", d.deadAt());
        m.put("deliveries", d.deliveries());
        m.put("error", d.error());
        m.put("payload_bytes", d.envelope().payload().getBytes(StandardCharsets.UTF_8).length);
        return m;
    }
}
