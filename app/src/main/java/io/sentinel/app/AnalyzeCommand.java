package io.sentinel.app;

import io.sentinel.app.analyze.CaptureAnalysis;
import io.sentinel.app.analyze.DetectionConfigFile;
import io.sentinel.app.analyze.SummaryTable;
import io.sentinel.app.cli.ProgressBar;
import io.sentinel.app.frames.FramesExport;
import io.sentinel.detect.Alert;
import io.sentinel.detect.DetectionConfig;
import io.sentinel.sensor.alert.WireAlerts;
import io.sentinel.wifi.capture.CaptureReader;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import io.sentinel.protocol.wire.Identifiers;
import io.sentinel.sensor.evidence.DirectoryEvidenceOutput;
import io.sentinel.sensor.evidence.EvidenceOptions;
import io.sentinel.sensor.evidence.EvidenceRecorder;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sentinel analyze FILE...}: the sensor's detectors over captures; alerts as JSON Lines (docs/analyze.md). */
@Command(
        name = "analyze",
        mixinStandardHelpOptions = true,
        description = {
            "Run every detector over pcap/pcapng captures in capture time (any replay speed gives the same",
            "alerts). The final state of each alert is printed once, as one JSON object per line on stdout;",
            "a summary table goes to stderr. Several files are read in the order given, as one stream."
        },
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:the captures were analysed (with or without alerts)",
            "1:stdout could not be written",
            "2:a file is missing, not a capture, or holds no 802.11 link type",
            "78:the --config file is unreadable or invalid"
        })
public final class AnalyzeCommand implements Callable<Integer> {

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "FILE", description = "pcap or pcapng captures")
    List<Path> files;

    @Option(names = "--config", paramLabel = "FILE", description = "detection configuration (YAML): thresholds, enabled detectors, monitored networks")
    Path config;

    @Option(names = "--no-progress", description = "never draw the progress bar (it is drawn only when stderr is a terminal)")
    boolean noProgress;

    @Option(names = "--quiet", description = "no summary table on stderr")
    boolean quiet;

    @Option(names = "--evidence", paramLabel = "DIR", description = "write a pcapng evidence file per alert into DIR, as a sensor would (pre- and post-trigger frames, labelled)")
    Path evidenceDir;

    @Option(names = "--sensor-id", paramLabel = "ID", defaultValue = "analyze", description = "sensor id written into evidence files (default ${DEFAULT-VALUE}; a sensor's id gives its evidence ids)")
    String sensorId;

    @Override
    public Integer call() {
        return run(files, config, new FileOutputStream(FileDescriptor.out), System.err,
                ProgressBar.forTerminal("analyze", !noProgress), quiet, Optional.ofNullable(evidenceDir), sensorId);
    }

    public static int run(List<Path> files, Path configFile, OutputStream out, PrintStream err, ProgressBar progress, boolean quiet) {
        return run(files, configFile, out, err, progress, quiet, Optional.empty(), "analyze");
    }

    public static int run(List<Path> files, Path configFile, OutputStream out, PrintStream err, ProgressBar progress, boolean quiet,
            Optional<Path> evidenceDir, String sensorId) {
        DetectionConfig cfg = DetectionConfig.defaults();
        if (configFile != null) {
            try {
                cfg = DetectionConfigFile.load(configFile);
            } catch (DetectionConfigFile.InvalidConfigException e) {
                err.println("sentinel analyze: " + e.getMessage());
                return Sentinel.EXIT_CONFIG;
            }
        }
        List<CaptureReader> readers;
        try {
            readers = CaptureAnalysis.openAll(files);
        } catch (FramesExport.BadInputException e) {
            err.println("sentinel analyze: " + e.getMessage());
            return Sentinel.EXIT_BAD_INPUT;
        }
        EvidenceRecorder evidence = EvidenceRecorder.none();
        if (evidenceDir.isPresent()) {
            if (!Identifiers.isSensorId(sensorId)) {
                err.println("sentinel analyze: --sensor-id must match [A-Za-z0-9._-]{1,64}");
                for (CaptureReader r : readers) r.close();
                return Sentinel.EXIT_CONFIG;
            }
            try {
                String source = String.join("+", files.stream().map(f -> f.getFileName().toString()).toList());
                evidence = new EvidenceRecorder(EvidenceOptions.defaults(), sensorId, source, "sentinel analyze",
                        new DirectoryEvidenceOutput(evidenceDir.get()));
            } catch (IOException e) {
                err.println("sentinel analyze: cannot create " + evidenceDir.get() + ": " + e.getMessage());
                for (CaptureReader r : readers) r.close();
                return 1;
            }
        }
        CaptureAnalysis.Result result;
        try {
            result = CaptureAnalysis.run(files, readers, cfg, progress, evidence);
        } finally {
            for (CaptureReader r : readers) r.close();
        }
        try {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            for (Alert a : result.alerts()) {
                w.write(WireAlerts.jsonLine(a));
                w.write('\n');
            }
            w.flush();
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("Broken pipe")) return 0;
            err.println("sentinel analyze: cannot write output: " + e.getMessage());
            return 1;
        }
        if (!quiet) SummaryTable.print(err, files.size(), result);
        if (evidenceDir.isPresent() && !quiet) {
            var st = evidence.stats();
            err.println("evidence: " + st.written() + " file(s) in " + evidenceDir.get() + (st.suppressedRate() + st.suppressedConcurrent() > 0
                    ? " (" + (st.suppressedRate() + st.suppressedConcurrent()) + " alert(s) over the per-minute or concurrent bound got none)" : "")
                    + (st.outputErrors() > 0 ? "; " + st.outputErrors() + " could not be written" : ""));
        }
        return 0;
    }
}
