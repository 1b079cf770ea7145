package io.sentinel.app;

import io.sentinel.store.Migrations;
import io.sentinel.store.OpenDatabase;
import io.sentinel.store.SchemaStatus;
import io.sentinel.store.queue.QueueException;
import io.sentinel.store.queue.Redis;
import io.sentinel.store.queue.RedisStreamQueue;
import io.sentinel.worker.RetentionJob;
import io.sentinel.worker.Worker;
import io.sentinel.worker.WorkerStatusServer;
import io.sentinel.worker.WorkerSettings;
import io.sentinel.worker.notify.NotificationService;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sentinel worker}: consumes the Redis Stream ({@code REDIS_URL}) into PostgreSQL
 * ({@code DATABASE_URL}). Several workers (processes or {@code --threads}) share the consumer
 * group. Stops cleanly on SIGTERM: unacknowledged entries stay pending for the others.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Consume the ingest queue (REDIS_URL) into PostgreSQL (DATABASE_URL).")
public final class WorkerCommand implements Callable<Integer> {

    @Option(names = "--threads", defaultValue = "1", description = "consumers in this process (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--consumer", description = "consumer name prefix (default: host-pid-random)")
    String consumer;

    @Option(names = "--batch-size", defaultValue = "64", description = "queue entries per transaction (default ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--claim-idle", defaultValue = "60", description = "seconds before a dead consumer's entries are claimed (default ${DEFAULT-VALUE})")
    long claimIdleSeconds;

    @Option(names = "--max-deliveries", defaultValue = "5", description = "failed deliveries before dead-lettering (default ${DEFAULT-VALUE})")
    int maxDeliveries;

    @Option(names = "--status-port", defaultValue = "${env:WORKER_STATUS_PORT:-9091}",
            description = "port of /api/v1/health and /metrics (0 = off; env WORKER_STATUS_PORT; default ${DEFAULT-VALUE})")
    int statusPort;

    @Option(names = "--notify", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "run the notification sender in this process (default ${DEFAULT-VALUE})")
    boolean notify;

    @Option(names = "--status-host", defaultValue = "${env:WORKER_STATUS_HOST:-0.0.0.0}",
            description = "address the status port listens on (default ${DEFAULT-VALUE})")
    String statusHost;

    @Override
    public Integer call() throws Exception {
        Map<String, String> env = System.getenv();
        String redisUrl = env.get("REDIS_URL");
        if (redisUrl == null || redisUrl.isBlank()) {
            System.err.println("sentinel worker: REDIS_URL is required (sentinel up runs a worker in-process without it)");
            return Sentinel.EXIT_CONFIG;
        }
        int retention;
        try {
            retention = RetentionJob.retentionDaysFromEnvironment();
        } catch (IllegalArgumentException e) {
            System.err.println("sentinel worker: " + e.getMessage());
            return Sentinel.EXIT_CONFIG;
        }
        io.sentinel.store.notify.SecretBox secretBox;
        io.sentinel.worker.notify.NotifySettings notifySettings;
        try {
            secretBox = NotifyEnvironment.secretBox(env);
            notifySettings = NotifyEnvironment.settings(env);
        } catch (io.sentinel.controller.config.ConfigException e) {
            e.problems().forEach(p -> System.err.println("sentinel worker: " + p));
            return Sentinel.EXIT_CONFIG;
        }
        try (OpenDatabase open = OpenDatabase.fromEnvironment(env); Redis redis = Redis.connect(redisUrl)) {
            SchemaStatus schema = new Migrations(open.database().dataSource()).schemaStatus();
            if (!schema.ready()) {
                System.err.println("sentinel worker: database not ready: " + String.join("; ", schema.problems())
                        + " (run sentinel migrate)");
                return 1;
            }
            String prefix = consumer == null ? Worker.defaultConsumerName() : consumer;
            WorkerSettings base = WorkerSettings.defaults(prefix).withBatchSize(batchSize)
                    .withClaimIdle(Duration.ofSeconds(claimIdleSeconds)).withMaxDeliveries(maxDeliveries)
                    .withRetentionDays(retention);
            List<Worker> workers = new ArrayList<>();
            List<Thread> running = new ArrayList<>();
            List<RedisStreamQueue> queues = new ArrayList<>();
            for (int i = 0; i < Math.max(1, threads); i++) {
                RedisStreamQueue queue = new RedisStreamQueue(redis);
                queues.add(queue);
                Worker w = new Worker(open.database(), queue, base.withConsumer(threads > 1 ? prefix + "-" + i : prefix),
                        Clock.systemUTC());
                workers.add(w);
                running.add(Thread.ofPlatform().name("worker-" + i).start(w));
            }
            // one consumer of the urgent lane only: alerts and heartbeats never wait behind a telemetry COPY
            RedisStreamQueue urgentQueue = new RedisStreamQueue(redis);
            queues.add(urgentQueue);
            Worker urgent = new Worker(open.database(), urgentQueue, base.withConsumer(prefix).urgentConsumer(), Clock.systemUTC());
            workers.add(urgent);
            running.add(Thread.ofPlatform().name("worker-urgent").start(urgent));
            NotificationService notifications = notify
                    ? new NotificationService(open.database(), secretBox, notifySettings, Clock.systemUTC(), env).start()
                    : null;
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                workers.forEach(Worker::stop);
                if (notifications != null) {
                    notifications.close();
                }
                try {
                    stopped.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            WorkerStatusServer status = null;
            if (statusPort > 0) {
                try {
                    status = WorkerStatusServer.start(statusHost, statusPort, workers,
                            () -> running.stream().allMatch(Thread::isAlive)
                                    && (notifications == null || notifications.alive()),
                            () -> queueLag(queues.get(0)), () -> deadLetters(queues.get(0)), notifications == null ? () -> "" : notifications::metrics);
                    System.err.println("sentinel worker: health and metrics on " + statusHost + ":" + status.port());
                } catch (java.io.IOException e) {
                    // the status port is for orchestration; a port already taken must not stop the consumers
                    System.err.println("sentinel worker: health and metrics port " + statusHost + ":" + statusPort
                            + " unavailable (" + e.getMessage() + "); continuing without it");
                }
            }
            System.err.println("sentinel worker: consuming " + RedisStreamQueue.DEFAULT_STREAM + " as " + prefix
                    + " with " + workers.size() + " consumer(s); telemetry retention " + retention + " days"
                    + (notifications == null ? "; notifications off" : "; sending notifications"));
            long lastLog = System.nanoTime();
            while (running.stream().anyMatch(Thread::isAlive)) {
                for (Thread t : running) {
                    t.join(1000);
                }
                if (System.nanoTime() - lastLog > Duration.ofSeconds(60).toNanos()) {
                    lastLog = System.nanoTime();
                    long lag = queueLag(queues.get(0));
                    for (Worker w : workers) {
                        System.err.println("sentinel worker: queue_lag=" + lag + " " + w.stats());
                    }
                }
            }
            if (status != null) {
                status.close();
            }
            queues.forEach(RedisStreamQueue::close);
            stopped.countDown();
            return 0;
        } catch (OpenDatabase.ConfigurationException e) {
            System.err.println("sentinel worker: " + e.getMessage());
            return Sentinel.EXIT_CONFIG;
        } catch (QueueException e) {
            System.err.println("sentinel worker: " + e.getMessage());
            return 1;
        }
    }

    /** Entries held in the dead letters, or -1 when Redis cannot be reached. */
    private static long deadLetters(RedisStreamQueue queue) {
        try {
            return queue.deadLetterCount();
        } catch (QueueException e) {
            return -1;
        }
    }

    /** Entries waiting in the queue, or -1 when Redis cannot be reached. */
    private static long queueLag(RedisStreamQueue queue) {
        try {
            return queue.depth();
        } catch (QueueException e) {
            return -1;
        }
    }
}
