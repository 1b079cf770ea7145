package io.sentinel.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sentinel bench ...}: the benchmarks recorded in docs/benchmarks.md, each against a reference run. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Run benchmarks (see docs/benchmarks.md).",
        subcommands = {
            BenchDecodeCommand.class,
            BenchDetectCommand.class,
            BenchIngestCommand.class,
            BenchSensorCommand.class,
            BenchTimeToAlertCommand.class
        })
public final class BenchCommand implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }
}
