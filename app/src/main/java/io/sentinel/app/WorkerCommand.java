package io.sentinel.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until this subcommand lands; refuses to run rather than pretending to work. */
@Command(name = "worker", mixinStandardHelpOptions = true, description = "Consume the ingest queue into PostgreSQL.")
public final class WorkerCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("sentinel worker: not available in this build yet");
        return 1;
    }
}
