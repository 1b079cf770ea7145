package io.sentinel.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The single {@code sentinel} command: every process of the system is one of its subcommands. */
@Command(
        name = "sentinel",
        mixinStandardHelpOptions = true,
        versionProvider = Sentinel.Version.class,
        description = "Sentinel wireless intrusion detection.",
        subcommands = {
            UpCommand.class,
            FramesCommand.class,
            AnalyzeCommand.class,
            SensorCommand.class,
            ControllerCommand.class,
            WorkerCommand.class,
            MigrateCommand.class,
            QueueCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Sentinel implements Runnable {

    /** Exit code for a configuration the process refuses to run with (sysexits EX_CONFIG). */
    public static final int EXIT_CONFIG = 78;
    /** Exit code for unreadable input (not a capture, unsupported format). */
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    public static CommandLine commandLine() {
        return new CommandLine(new Sentinel()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Sentinel.class.getPackage().getImplementationVersion();
            return new String[] {"sentinel " + (v == null ? "dev" : v)};
        }
    }
}
