package io.sentinel.app.frames;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentinel.app.FramesCommand;
import io.sentinel.app.cli.ProgressBar;
import io.sentinel.wifi.build.EapolKeyBuilder;
import io.sentinel.wifi.build.FrameBuilder;
import io.sentinel.wifi.build.Rsn;
import io.sentinel.wifi.capture.PcapWriter;
import io.sentinel.wifi.capture.PcapngWriter;
import io.sentinel.wifi.radio.RadiotapBuilder;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FramesCommandTest {

    static final long T0 = 1_700_000_000_123_456_789L;
    static final String AP = "00:11:22:33:44:55";
    static final String STA = "02:00:00:00:00:01";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;

    List<String> run(Path file) {
        exit = FramesCommand.run(file, out, new PrintStream(err, true, StandardCharsets.UTF_8), ProgressBar.disabled());
        String text = out.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }

    String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    static JsonNode parse(String line) throws Exception {
        return JSON.readTree(line);
    }

    static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) keys.add(it.next());
        return keys;
    }

    static RadiotapBuilder radio(int freq, int signal) {
        return new RadiotapBuilder().flags(0).rate(2).channel(freq).antennaSignal(signal);
    }

    Path pcap(String name, int linkType, boolean nanos, byte[]... records) throws Exception {
        Path file = dir.resolve(name);
        try (PcapWriter w = PcapWriter.create(file, linkType, nanos, ByteOrder.LITTLE_ENDIAN)) {
            long ts = T0;
            for (byte[] r : records) {
                w.write(ts, r);
                ts += 1_000;
            }
        }
        return file;
    }

    @Test
    void beaconOverRadiotapBecomesOneLineWithTheContractKeysInOrder() throws Exception {
        byte[] beacon = FrameBuilder.beacon().ap(AP).ssid("Café").rates().channel(6).rsn(Rsn.wpa2Psk()).seq(42).build();
        List<String> lines = run(pcap("b.pcap", 127, false, radio(2437, -42).wrap(beacon)));
        assertThat(exit).isZero();
        assertThat(errText()).isEmpty();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("{\"n\":1,\"ts\":1700000000.123456,\"len\":");
        JsonNode n = parse(lines.get(0));
        assertThat(keys(n)).containsExactly("n", "ts", "len", "type", "subtype", "bssid", "src", "dst", "ssid",
                "freq_mhz", "channel", "rssi_dbm", "seq", "security");
        assertThat(n.get("len").asInt()).isEqualTo(beacon.length + 15);
        assertThat(n.get("type").asText()).isEqualTo("mgmt");
        assertThat(n.get("subtype").asText()).isEqualTo("beacon");
        assertThat(n.get("bssid").asText()).isEqualTo(AP);
        assertThat(n.get("src").asText()).isEqualTo(AP);
        assertThat(n.get("dst").asText()).isEqualTo("ff:ff:ff:ff:ff:ff");
        assertThat(n.get("ssid").asText()).isEqualTo("Café");
        assertThat(n.get("freq_mhz").asInt()).isEqualTo(2437);
        assertThat(n.get("channel").asInt()).isEqualTo(6);
        assertThat(n.get("rssi_dbm").asInt()).isEqualTo(-42);
        assertThat(n.get("seq").asInt()).isEqualTo(42);
        assertThat(n.get("security").asText()).isEqualTo("wpa2-psk");
    }

    @Test
    void deauthCarriesItsReasonAndNanosecondCapturesKeepNineDecimals() throws Exception {
        byte[] deauth = FrameBuilder.deauth().ap(AP).destination(STA).reason(7).seq(9).build();
        List<String> lines = run(pcap("d.pcap", 127, true, radio(5180, -70).wrap(deauth)));
        assertThat(lines.get(0)).contains("\"ts\":1700000000.123456789,");
        JsonNode n = parse(lines.get(0));
        assertThat(n.get("subtype").asText()).isEqualTo("deauth");
        assertThat(n.get("reason").asInt()).isEqualTo(7);
        assertThat(n.get("dst").asText()).isEqualTo(STA);
        assertThat(n.get("freq_mhz").asInt()).isEqualTo(5180);
        assertThat(n.get("channel").asInt()).isEqualTo(36);
        assertThat(n.get("rssi_dbm").asInt()).isEqualTo(-70);
    }

    @Test
    void ssidThatIsNotUtf8IsGivenInHexAndControlCharactersAreEscaped() throws Exception {
        byte[] binary = FrameBuilder.probeRequest().source(STA).ssid(new byte[] {1, (byte) 0xff, 'a'}).build();
        byte[] control = FrameBuilder.probeRequest().source(STA).ssid("a\"b\n\u0007").build();
        List<String> lines = run(pcap("s.pcap", 105, false, binary, control));
        JsonNode first = parse(lines.get(0));
        assertThat(first.has("ssid")).isFalse();
        assertThat(first.get("ssid_hex").asText()).isEqualTo("01ff61");
        assertThat(lines.get(1)).contains("\"ssid\":\"a\\\"b\\n\\u0007\"");
        assertThat(parse(lines.get(1)).get("ssid").asText()).isEqualTo("a\"b\n\u0007");
        // link type 105 has no radio header: no frequency, no signal
        assertThat(first.has("rssi_dbm")).isFalse();
        assertThat(first.has("freq_mhz")).isFalse();
    }

    @Test
    void eapolKeyMessageIsAnObject() throws Exception {
        byte[] m1 = FrameBuilder.eapolFromAp(0x0011_2233_4455L, 0x0200_0000_0001L,
                EapolKeyBuilder.message(1).replayCounter(5).pmkid(new byte[16])).seq(3).build();
        List<String> lines = run(pcap("e.pcap", 105, false, m1));
        JsonNode eapol = parse(lines.get(0)).get("eapol");
        assertThat(eapol).isNotNull();
        assertThat(eapol.get("msg").asInt()).isEqualTo(1);
        assertThat(eapol.get("replay_counter").asLong()).isEqualTo(5);
        assertThat(eapol.get("pmkid").asBoolean()).isTrue();
    }

    @Test
    void brokenRadiotapIsReportedPerFrameAndTheRunStillSucceeds() throws Exception {
        byte[] bad = {1, 0, 8, 0, 0, 0, 0, 0, (byte) 0x80, 0}; // radiotap version 1
        byte[] good = radio(2412, -30).wrap(FrameBuilder.ack().receiver(STA).build());
        List<String> lines = run(pcap("m.pcap", 127, false, bad, good));
        assertThat(exit).isZero();
        assertThat(lines).hasSize(2);
        assertThat(parse(lines.get(0)).get("malformed").asText()).isEqualTo("unsupported radiotap version");
        assertThat(parse(lines.get(1)).get("subtype").asText()).isEqualTo("ack");
        assertThat(parse(lines.get(1)).has("malformed")).isFalse();
    }

    @Test
    void truncatedTailEndsWithExitZeroAndAWarning() throws Exception {
        byte[] beacon = radio(2437, -50).wrap(FrameBuilder.beacon().ap(AP).ssid("x").build());
        Path file = pcap("t.pcap", 127, false, beacon, beacon, beacon);
        byte[] all = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(all, all.length - 20));
        List<String> lines = run(file);
        assertThat(exit).isZero();
        assertThat(lines).hasSize(2);
        assertThat(errText()).startsWith("sentinel frames: warning: ").contains("record 3").contains("2 records decoded");
        assertThat(errText().lines()).hasSize(1);
    }

    @Test
    void missingFileAndNonCaptureExitTwoWithOneLine() throws Exception {
        run(dir.resolve("nope.pcap"));
        assertThat(exit).isEqualTo(2);
        assertThat(errText()).isEqualTo("sentinel frames: " + dir.resolve("nope.pcap") + ": no such file\n");

        err.reset();
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello, this is not a capture\n");
        run(text);
        assertThat(exit).isEqualTo(2);
        assertThat(errText()).isEqualTo("sentinel frames: " + text + ": not a pcap or pcapng capture (magic 0x68656c6c)\n");
        assertThat(out.size()).isZero();

        err.reset();
        run(dir);
        assertThat(exit).isEqualTo(2);
        assertThat(errText().lines()).hasSize(1);
    }

    @Test
    void pcapOfAnotherLinkTypeExitsTwo() throws Exception {
        Path ethernet = pcap("eth.pcap", 1, false, new byte[60]);
        run(ethernet);
        assertThat(exit).isEqualTo(2);
        assertThat(errText()).contains("unsupported link type 1").endsWith("\n");
        assertThat(errText().lines()).hasSize(1);
        assertThat(out.size()).isZero();
    }

    @Test
    void pcapngWithMixedInterfacesReportsTheForeignRecordsAsMalformed() throws Exception {
        Path file = dir.resolve("mixed.pcapng");
        try (OutputStream os = Files.newOutputStream(file); PcapngWriter w = PcapngWriter.create(os)) {
            int eth = w.addInterface(1);
            int wifi = w.addInterface(127, PcapngWriter.TSRESOL_NSEC, 0, -1);
            w.writePacket(eth, T0, new byte[60]);
            w.writePacket(wifi, T0 + 1, radio(2462, -61).wrap(FrameBuilder.beacon().ap(AP).ssid("lab").build()));
        }
        List<String> lines = run(file);
        assertThat(exit).isZero();
        assertThat(lines).hasSize(2);
        JsonNode first = parse(lines.get(0));
        assertThat(keys(first)).containsExactly("n", "ts", "len", "malformed");
        assertThat(first.get("malformed").asText()).isEqualTo("unsupported link type 1");
        assertThat(lines.get(0)).contains("\"ts\":1700000000.123456,"); // microsecond interface
        assertThat(lines.get(1)).contains("\"ts\":1700000000.123456790,"); // nanosecond interface
        assertThat(parse(lines.get(1)).get("ssid").asText()).isEqualTo("lab");
        assertThat(parse(lines.get(1)).get("channel").asInt()).isEqualTo(11);
    }

    @Test
    void theSentinelCommandLineWiresFramesWithItsExitCodes() {
        var cli = io.sentinel.app.Sentinel.commandLine();
        cli.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
        assertThat(cli.execute("frames", dir.resolve("missing.pcap").toString(), "--no-progress")).isEqualTo(2);
        assertThat(cli.execute("frames")).isEqualTo(2); // usage error: no FILE
    }

    @Test
    void progressBarDrawsAndClearsItsLine() {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        ProgressBar bar = ProgressBar.to(new PrintStream(screen, true, StandardCharsets.UTF_8), "frames");
        bar.start(2L << 20);
        bar.redraw(1L << 20, 12_345);
        bar.close();
        String s = screen.toString(StandardCharsets.UTF_8);
        assertThat(s).startsWith("\rframes [##############--------------]  50% 1.0 MiB/2.0 MiB 12.3k ");
        assertThat(s).endsWith("\r\u001b[K");
        assertThat(ProgressBar.disabled().enabled()).isFalse();
    }
}
