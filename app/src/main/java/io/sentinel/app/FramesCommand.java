package io.sentinel.app;

import io.sentinel.app.cli.ProgressBar;
import io.sentinel.app.frames.FramesExport;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sentinel frames FILE}: one JSON object per capture record on stdout (see docs/cli.md). */
@Command(
        name = "frames",
        mixinStandardHelpOptions = true,
        description = {
            "Decode a pcap or pcapng capture (802.11, radiotap or PPI) to JSON Lines on stdout:",
            "one object per record with n, ts, len, type, subtype, bssid, src, dst, ssid|ssid_hex,",
            "freq_mhz, channel, rssi_dbm, seq, reason, security, eapol, malformed."
        },
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:the file was read to its end (malformed frames and a truncated tail included)",
            "1:stdout could not be written",
            "2:the file is missing, not a capture, or holds no 802.11 link type"
        })
public final class FramesCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "pcap or pcapng capture")
    Path file;

    @Option(names = "--no-progress", description = "never draw the progress bar (it is drawn only when stderr is a terminal)")
    boolean noProgress;

    @Override
    public Integer call() {
        return run(file, new FileOutputStream(FileDescriptor.out), System.err,
                ProgressBar.forTerminal("frames", !noProgress));
    }

    public static int run(Path file, OutputStream out, PrintStream err, ProgressBar progress) {
        try {
            FramesExport.Summary s = FramesExport.run(file, out, progress);
            if (s.endProblem() != null) {
                err.println("sentinel frames: warning: " + file + ": " + s.endProblem() + " (" + s.records()
                        + " records decoded before it)");
            }
            return 0;
        } catch (FramesExport.BadInputException e) {
            progress.close();
            err.println("sentinel frames: " + e.getMessage());
            return Sentinel.EXIT_BAD_INPUT;
        } catch (IOException e) {
            progress.close();
            // a closed pipe (`sentinel frames x | head`) is the reader's choice, not an error
            if (e.getMessage() != null && e.getMessage().contains("Broken pipe")) return 0;
            err.println("sentinel frames: cannot write output: " + e.getMessage());
            return 1;
        }
    }
}
