package io.sentinel.app;

import io.sentinel.app.up.AllInOne;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sentinel up}: everything in one process on the embedded defaults — PostgreSQL in
 * {@code $SENTINEL_DATA_DIR/postgres} with migrations applied, an in-process queue, a worker, the
 * controller and dashboard, and a sample capture replayed as a sensor. Prints the URL and an admin
 * token. For trying Sentinel and for development; production runs the separate processes.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Run everything in one process on the embedded defaults (PostgreSQL in SENTINEL_DATA_DIR, "
                + "in-process queue, worker, controller, dashboard, sample data).")
public final class UpCommand implements Callable<Integer> {

    @Option(names = "--no-sample", description = "do not replay the sample capture")
    boolean noSample;

    @Option(names = "--exit-after-sample", hidden = true, description = "stop once the sample is replayed and stored")
    boolean exitAfterSample;

    @Override
    public Integer call() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                closed.await(15, TimeUnit.SECONDS); // let the database and server shut down cleanly
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sentinel-up-shutdown"));
        try {
            return AllInOne.run(System.getenv(), System.out, System.err, !noSample, running -> {
                if (!exitAfterSample) {
                    System.out.println("sentinel up: running; press Ctrl-C to stop");
                    stop.await();
                }
            });
        } finally {
            closed.countDown();
        }
    }
}
