package io.sentinel.app.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.app.AnalyzeCommand;
import io.sentinel.app.cli.ProgressBar;
import io.sentinel.detect.DetectionConfig;
import io.sentinel.detect.scenario.Replay;
import io.sentinel.testkit.SampleCapture;
import io.sentinel.detect.scenario.Scenarios;
import io.sentinel.protocol.wire.AlertMessage;
import io.sentinel.protocol.wire.Wire;
import io.sentinel.sensor.alert.WireAlerts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {

    @TempDir static Path dir;
    static Path sample;

    record Run(int exit, List<String> lines, String err) {}

    @BeforeAll
    static void writeSample() throws Exception {
        sample = dir.resolve("sample.pcap");
        SampleCapture.write(sample);
    }

    static Run analyze(List<Path> files, Path config) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int exit = AnalyzeCommand.run(files, config, out, new PrintStream(err, true, StandardCharsets.UTF_8), ProgressBar.disabled(), false);
        String o = out.toString(StandardCharsets.UTF_8);
        return new Run(exit, o.isEmpty() ? List.of() : o.lines().toList(), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void sampleCaptureGivesOneJsonLinePerAlertAndASummaryTable() {
        Run r = analyze(List.of(sample), null);
        assertThat(r.exit()).isZero();
        assertThat(r.lines()).hasSize(5).allSatisfy(l -> assertThat(l).startsWith("{\"id\":\"").endsWith("}"));
        assertThat(String.join("\n", r.lines())).contains("\"type\":\"deauth_flood\"", "\"type\":\"evil_twin\"",
                "\"type\":\"beacon_flood\"", "\"type\":\"pmkid_harvest\"", "\"type\":\"attack_tool\"");
        assertThat(r.err()).contains("analysed 1 file", "5 alerts", "SEVERITY", "deauth_flood", "by type:");
    }

    @Test
    void analyzeWritesExactlyTheEnginesAlertsThroughTheWireCodec() throws Exception {
        List<String> engine = Replay.alerts(Files.readAllBytes(sample), DetectionConfig.defaults()).stream()
                .map(WireAlerts::jsonLine).toList();
        List<String> lines = analyze(List.of(sample), null).lines();
        assertThat(lines).isEqualTo(engine);
        for (String line : lines) {
            // every line is an alert the controller accepts, with exactly the contract's keys in order
            AlertMessage a = Wire.read(line.getBytes(java.nio.charset.StandardCharsets.UTF_8), AlertMessage.class);
            a.validate("line");
            List<String> keys = new java.util.ArrayList<>();
            Wire.mapper().readTree(line).fieldNames().forEachRemaining(keys::add);
            assertThat(keys).containsExactly("id", "type", "severity", "confidence", "first_seen", "last_seen", "count",
                    "bssid", "ssid", "source", "target", "channel", "reasons", "mitre", "evidence", "summary");
        }
    }

    @Test
    void configFileDisablesDetectorsAndTunesThresholdsByName() throws Exception {
        Path cfg = dir.resolve("quiet.yaml");
        Files.writeString(cfg, """
                detectors:
                  deauth_flood:
                    enabled: false
                  beacon_flood:
                    threshold: 5000
                    warmup_factor: 1
                """);
        Run r = analyze(List.of(sample), cfg);
        assertThat(r.exit()).isZero();
        assertThat(String.join("\n", r.lines())).doesNotContain("deauth_flood", "beacon_flood").contains("evil_twin");
    }

    @Test
    void monitoredNetworksFromConfigMakeAnUnauthorisedBssidAnEvilTwin() throws Exception {
        Path cap = dir.resolve("rogue.pcap");
        Scenarios.named("rogue-ap").air(Scenarios.START, 1).writePcap(cap);
        Path cfg = dir.resolve("monitored.yaml");
        Files.writeString(cfg, """
                monitored_networks:
                  - ssid: Office
                    bssids: ["00:1a:1e:10:00:01", "00:1a:1e:10:00:02", "00:1a:1e:10:00:03"]
                    channels: [1, 6, 11]
                    security: wpa2-psk
                """);
        assertThat(String.join("\n", analyze(List.of(cap), null).lines())).doesNotContain("rogue_ap").doesNotContain("evil_twin");
        // the configuration says b8:27:eb:11:22:33 is not Office's: a twin, which learning alone would not flag
        assertThat(String.join("\n", analyze(List.of(cap), cfg).lines())).contains("\"type\":\"evil_twin\"", "\"bssid\":\"b8:27:eb:11:22:33\"")
                .doesNotContain("rogue_ap");
    }

    @Test
    void fileThatIsNotACaptureExitsTwoWithOneLine() throws Exception {
        Path junk = dir.resolve("notes.txt");
        Files.writeString(junk, "these are not the frames you are looking for\n");
        Run r = analyze(List.of(sample, junk), null);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.lines()).isEmpty();
        assertThat(r.err().lines()).hasSize(1).first().asString().startsWith("sentinel analyze: ").contains("notes.txt");
        assertThat(analyze(List.of(dir.resolve("missing.pcap")), null).exit()).isEqualTo(2);
    }

    @Test
    void invalidConfigurationIsRefusedWithTheReason() throws Exception {
        Path cfg = dir.resolve("typo.yaml");
        Files.writeString(cfg, "detectors:\n  deauth_flood:\n    treshold: 3\n");
        Run r = analyze(List.of(sample), cfg);
        assertThat(r.exit()).isEqualTo(78);
        assertThat(r.err()).contains("typo.yaml", "has no parameter 'treshold'");
    }

    @Test
    void benignCaptureExitsZeroWithNoAlerts() throws Exception {
        Path cap = dir.resolve("benign.pcap");
        Scenarios.named("benign-office").air(Scenarios.START, 3).writePcap(cap);
        Run r = analyze(List.of(cap), null);
        assertThat(r.exit()).isZero();
        assertThat(r.lines()).isEmpty();
        assertThat(r.err()).contains("0 alerts");
    }
}
