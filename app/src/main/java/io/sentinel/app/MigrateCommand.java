package io.sentinel.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until this subcommand lands; refuses to run rather than pretending to work. */
@Command(name = "migrate", mixinStandardHelpOptions = true, description = "Apply or inspect database migrations.")
public final class MigrateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("sentinel migrate: not available in this build yet");
        return 1;
    }
}
