package io.sentinel.app;

import io.sentinel.app.queue.DeadLetterCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sentinel queue}: operator commands on the ingest queue. */
@Command(name = "queue", mixinStandardHelpOptions = true, description = "Operate the ingest queue.",
        subcommands = {DeadLetterCommand.class, CommandLine.HelpCommand.class})
public final class QueueCommand implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }
}
