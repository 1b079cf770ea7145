package io.sentinel.app;

import io.sentinel.bench.ingest.IngestBenchmark;
import io.sentinel.store.Database;
import io.sentinel.store.EmbeddedDatabase;
import io.sentinel.store.JdbcTarget;
import io.sentinel.store.Migrations;
import io.sentinel.store.queue.InProcessQueue;
import io.sentinel.store.queue.IngestQueue;
import io.sentinel.store.queue.Redis;
import io.sentinel.store.queue.RedisStreamQueue;
import io.sentinel.app.bench.ScratchDirectory;
import io.sentinel.store.queue.LocalRedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sentinel bench ingest}: telemetry rows/s through the worker path (queue -> worker ->
 * PostgreSQL) against a raw COPY of the same rows into the same database in the same run. By
 * default a throw-away embedded PostgreSQL in a temporary directory; never a configured one
 * unless {@code --database-url} names it (the benchmark truncates the telemetry tables).
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Telemetry rows/s through the worker path vs. raw COPY of the same rows, same database, same run.",
            "Uses a temporary embedded PostgreSQL unless --database-url is given (its telemetry tables are TRUNCATED)."})
public final class BenchIngestCommand implements Callable<Integer> {

    @Option(names = "--rows", defaultValue = "200000", description = "telemetry rows (default ${DEFAULT-VALUE})")
    int rows;

    @Option(names = "--batch-items", defaultValue = "500", description = "items per sensor batch (default ${DEFAULT-VALUE})")
    int batchItems;

    @Option(names = "--sensors", defaultValue = "4", description = "simulated sensors appending in parallel (default ${DEFAULT-VALUE})")
    int sensors;

    @Option(names = "--workers", defaultValue = "2", description = "worker threads (default ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--entries-per-transaction", defaultValue = "16", description = "queue entries per worker transaction (default ${DEFAULT-VALUE})")
    int entriesPerTransaction;

    @Option(names = "--queue", defaultValue = "redis", description = "redis (REDIS_URL, or a redis-server started for the run) or inprocess (default ${DEFAULT-VALUE})")
    String queueKind;

    @Option(names = "--database-url", description = "benchmark this PostgreSQL instead of a temporary embedded one (TRUNCATES telemetry)")
    String databaseUrl;

    @Option(names = "--http", description = {"end to end instead: signed gzip batches over loopback HTTP into a running",
            "controller + --workers workers (all-in-one, --queue), timed until the last batch is queryable,",
            "beside a raw COPY of the same rows into the same database in the same run"})
    boolean http;

    @Option(names = "--batches", defaultValue = "50", description = "with --http: batches per sensor (default ${DEFAULT-VALUE})")
    int batchesPerSensor;

    @Option(names = "--warmup-batches", defaultValue = "20",
            description = "with --http: batches per sensor sent through the whole path before the measured round (default ${DEFAULT-VALUE})")
    int warmupBatches;

    @Option(names = "--warmup-rounds", defaultValue = "40",
            description = {"with --http: warm-up rounds at most (every other one sends the same records in ten times as many requests,",
                "so per-request code is compiled too); they end after two rounds in a row with JIT time under 5% of each",
                "(a controller that has run for minutes is compiled; on 2 cores a cold one spends a third of its CPU in the JIT)",
                "(default ${DEFAULT-VALUE})"})
    int warmupRounds;

    @Option(names = "--rate", defaultValue = "0",
            description = {"with --http: records/s offered in the measured round, open loop (POST latency counted from when",
                "each request was due); 0 = closed loop, as fast as the controller answers (default ${DEFAULT-VALUE})"})
    double rate;

    @Override
    public Integer call() throws Exception {
        Path tmp = Files.createTempDirectory("sentinel-bench-ingest-");
        if (http) {
            try {
                var r = io.sentinel.app.bench.EndToEndIngest.run(tmp, new io.sentinel.app.bench.EndToEndIngest.Options(
                        sensors, batchesPerSensor, batchItems, warmupBatches, warmupRounds, queueKind, workers, rate), System.err);
                System.out.printf(java.util.Locale.ROOT,
                        "result: end to end %,.0f records/s accepted -> queryable = %.0f%% of raw COPY %,.0f rows/s "
                                + "(%,d records, %d requests, %.2f s; all accepted after %.2f s; queue %s, %d worker(s), %s); "
                                + "POST latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; CPU %.1f us/record "
                                + "(JVM %.1f s, PostgreSQL %.1f s, Redis %.1f s)%n",
                        r.recordsPerSecond(), 100 * r.ratio(), r.rawCopyRowsPerSecond(), r.records(), r.requests(),
                        r.seconds(), r.acceptSeconds(), r.queue(), r.workers(),
                        r.offeredRate() > 0 ? String.format(java.util.Locale.ROOT, "open loop at %,.0f records/s offered",
                                r.offeredRate()) : "closed loop", r.p50Ms(), r.p99Ms(), r.maxMs(),
                        r.cpu().microsPerRecord(r.records()), r.cpu().jvm(), r.cpu().postgres(), r.cpu().redis());
                if (r.storedRows() != r.records()) {
                    System.out.printf("FAILED: %,d rows stored for %,d records sent%n", r.storedRows(), r.records());
                    return 1;
                }
                return 0;
            } finally {
                ScratchDirectory.deleteTree(tmp);
            }
        }
        EmbeddedDatabase pg = null;
        LocalRedisServer redisServer = null;
        Redis redis = null;
        IngestQueue queue = null;
        Database db = null;
        try {
            if (databaseUrl != null) {
                db = Database.connect(JdbcTarget.parse(databaseUrl), workers + 2);
            } else {
                pg = EmbeddedDatabase.start(tmp.resolve("postgres"));
                db = Database.connect(pg.target(), workers + 2);
            }
            new Migrations(db.dataSource()).migrate();
            if (queueKind.equals("inprocess")) {
                queue = new InProcessQueue(rows / Math.max(1, batchItems) + 16);
            } else if (queueKind.equals("redis")) {
                String url = System.getenv("REDIS_URL");
                if (url == null || url.isBlank()) {
                    redisServer = LocalRedisServer.start(false);
                    url = redisServer.url();
                }
                redis = Redis.connect(url);
                queue = new RedisStreamQueue(redis, "sentinel:bench:" + ProcessHandle.current().pid(), 1_000_000,
                        Duration.ofMinutes(10));
            } else {
                System.err.println("sentinel bench ingest: --queue must be redis or inprocess");
                return 2;
            }
            System.out.println("PostgreSQL " + serverVersion(db) + ", queue " + queueKind + ", "
                    + Runtime.getRuntime().availableProcessors() + " CPUs");
            IngestBenchmark.Result r = new IngestBenchmark(db,
                    new IngestBenchmark.Settings(rows, batchItems, sensors, workers, entriesPerTransaction),
                    System.out).run(queue);
            System.out.printf("result: worker path %,.0f rows/s = %.0f%% of raw COPY %,.0f rows/s (%,d rows, %,d batches, %,d networks)%n",
                    r.workerRowsPerSecond(), 100 * r.ratio(), r.rawRowsPerSecond(), r.rows(), r.batches(),
                    r.distinctNetworks());
            return r.workerRowsStored() == r.rows() ? 0 : 1;
        } finally {
            if (queue != null) {
                queue.close();
            }
            Optional.ofNullable(redis).ifPresent(Redis::close);
            Optional.ofNullable(redisServer).ifPresent(LocalRedisServer::close);
            Optional.ofNullable(db).ifPresent(Database::close);
            Optional.ofNullable(pg).ifPresent(EmbeddedDatabase::close);
            ScratchDirectory.deleteTree(tmp);
        }
    }

    private static String serverVersion(Database db) throws Exception {
        try (Connection c = db.connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
