package io.sentinel.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until this subcommand lands; refuses to run rather than pretending to work. */
@Command(name = "up", mixinStandardHelpOptions = true, description = "Run everything in one process on the embedded defaults.")
public final class UpCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("sentinel up: not available in this build yet");
        return 1;
    }
}
