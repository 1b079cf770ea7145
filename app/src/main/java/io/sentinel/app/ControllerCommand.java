package io.sentinel.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until this subcommand lands; refuses to run rather than pretending to work. */
@Command(name = "controller", mixinStandardHelpOptions = true, description = "Run the controller HTTP API.")
public final class ControllerCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("sentinel controller: not available in this build yet");
        return 1;
    }
}
