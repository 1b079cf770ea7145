package io.sentinel.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until this subcommand lands; refuses to run rather than pretending to work. */
@Command(name = "sensor", mixinStandardHelpOptions = true, description = "Run a sensor (live capture or replay).")
public final class SensorCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("sentinel sensor: not available in this build yet");
        return 1;
    }
}
