package io.sentinel.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until this subcommand lands; refuses to run rather than pretending to work. */
@Command(name = "frames", mixinStandardHelpOptions = true, description = "Decode a capture file to JSON Lines.")
public final class FramesCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("sentinel frames: not available in this build yet");
        return 1;
    }
}
