package io.sentinel.app.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.app.Sentinel;
import io.sentinel.testkit.SyntheticTraffic;
import io.sentinel.sensor.spool.SpoolEntry;
import io.sentinel.sensor.spool.SpoolOptions;
import io.sentinel.sensor.spool.TelemetrySpool;
import io.sentinel.sensor.state.SensorState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SensorCommandTest {

    @TempDir Path dir;

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = Sentinel.commandLine().execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void corruptSpoolTailIsReportedAndTheSensorStillStarts() throws Exception {
        Path state = dir.resolve("state");
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort(); // nothing listens there once closed
        }
        SensorState.open(state).saveEnrolment(URI.create("http://127.0.0.1:" + deadPort), "cli-1", 1, "ab".repeat(32));
        try (var spool = TelemetrySpool.open(state.resolve("spool"), SpoolOptions.defaults())) {
            spool.append(SpoolEntry.KIND_TELEMETRY, "t-1", new byte[] {1, 2, 3});
        }
        Path segment;
        try (Stream<Path> files = Files.list(state.resolve("spool"))) {
            segment = files.filter(p -> p.toString().endsWith(".spool")).findFirst().orElseThrow();
        }
        Files.write(segment, new byte[] {0, 0, 0, 40, 1, 2, 3, 4, 5}, StandardOpenOption.APPEND); // a torn record
        Path pcap = dir.resolve("x.pcap");
        Files.write(pcap, SyntheticTraffic.mixedCapture(300, 1_700_000_000_000_000_000L, 100, 3, 5, 1));

        Run r = run("sensor", "--pcap", pcap.toString(), "--as-fast-as-possible", "--state-dir", state.toString(),
                "--drain-timeout-s", "1");
        assertThat(r.err()).contains("spool tail repaired: segment 1 at byte").contains("torn record");
        assertThat(r.err()).contains("sentinel sensor: 300 frames");
        assertThat(r.err()).contains("not yet delivered"); // the controller is down: data waits in the spool
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).doesNotContain("ab".repeat(32));
    }

    @Test
    void withoutSourceOrEnrolmentTheCommandSaysWhatToDo() throws Exception {
        assertThat(run("sensor").err()).contains("--iface IF").contains("--pcap FILE");
        Path notPcap = dir.resolve("notes.txt");
        Files.writeString(notPcap, "hello, not a capture");
        Run r = run("sensor", "--pcap", notPcap.toString(), "--local", "--state-dir", dir.resolve("s").toString());
        assertThat(r.exit()).isEqualTo(Sentinel.EXIT_BAD_INPUT);
        Run e = run("sensor", "--pcap", notPcap.toString(), "--controller", "http://127.0.0.1:9", "--state-dir",
                dir.resolve("s2").toString());
        assertThat(e.exit()).isEqualTo(Sentinel.EXIT_CONFIG);
        assertThat(e.err()).contains("enrol first");
    }

    @Test
    void localReplayPrintsAlertsAsJsonLines() throws Exception {
        Path pcap = dir.resolve("flood.pcap");
        Files.write(pcap, SyntheticTraffic.mixedCapture(4000, 1_700_000_000_000_000_000L, 1000, 5, 20, 3));
        Run r = run("sensor", "--pcap", pcap.toString(), "--as-fast-as-possible", "--local", "--state-dir", dir.resolve("s").toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("\"type\":\"deauth_flood\"");
        assertThat(r.out().lines()).allSatisfy(l -> assertThat(l).startsWith("{\"id\":"));

        // the same capture with the detector switched off in a --config file
        Path config = dir.resolve("detect.yaml");
        Files.writeString(config, "detectors:\n  deauth_flood: {enabled: false}\n");
        Run quiet = run("sensor", "--pcap", pcap.toString(), "--as-fast-as-possible", "--local", "--config", config.toString(),
                "--state-dir", dir.resolve("s").toString());
        assertThat(quiet.exit()).isZero();
        assertThat(quiet.out()).doesNotContain("\"type\":\"deauth_flood\"");
        Files.writeString(config, "detectors:\n  deauth_flood: {no_such_knob: 3}\n");
        Run bad = run("sensor", "--pcap", pcap.toString(), "--local", "--config", config.toString(), "--state-dir", dir.resolve("s").toString());
        assertThat(bad.exit()).isEqualTo(Sentinel.EXIT_CONFIG);
    }
}
