package io.sentinel.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until this subcommand lands; refuses to run rather than pretending to work. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Run benchmarks.")
public final class BenchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("sentinel bench: not available in this build yet");
        return 1;
    }
}
