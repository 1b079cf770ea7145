package io.sentinel.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until this subcommand lands; refuses to run rather than pretending to work. */
@Command(name = "analyze", mixinStandardHelpOptions = true, description = "Run the detectors over capture files.")
public final class AnalyzeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("sentinel analyze: not available in this build yet");
        return 1;
    }
}
