package io.sentinel.app.frames;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentinel.app.cli.ProgressBar;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.Subtype;
import io.sentinel.wifi.build.EapolKeyBuilder;
import io.sentinel.wifi.build.FrameBuilder;
import io.sentinel.wifi.build.Rsn;
import io.sentinel.wifi.capture.PcapWriter;
import io.sentinel.wifi.radio.Channels;
import io.sentinel.wifi.radio.RadiotapBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decodes one capture with many frame kinds and radiotap layouts both with Sentinel and with
 * tshark, and requires per-frame agreement on subtype, addresses, SSID, frequency/channel,
 * RSSI, sequence number and reason code.
 */
class TsharkCrossCheckIT {

    static final String[] TSHARK_FIELDS = {"frame.number", "wlan.fc.type_subtype", "wlan.bssid", "wlan.sa", "wlan.da",
            "wlan.ta", "wlan.ra", "wlan.ssid", "radiotap.channel.freq", "radiotap.dbm_antsignal", "wlan.seq",
            "wlan.fixed.reason_code"};
    static final int[] FREQS = {2412, 2437, 2462, 2472, 2484, 5180, 5240, 5500, 5745, 5825, 5955, 6115, 4940};

    @TempDir Path dir;

    @Test
    void sentinelAndTsharkAgreeFrameByFrame() throws Exception {
        Assumptions.assumeTrue(tsharkInstalled(), "tshark is not installed");
        Path file = dir.resolve("mix.pcap");
        int written = writeCapture(file, 600);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FramesExport.Summary summary = FramesExport.run(file, out, ProgressBar.disabled());
        assertThat(summary.records()).isEqualTo(written);
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> ours = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) ours.add(json.readTree(line));

        List<String[]> theirs = tshark(file);
        assertThat(theirs).hasSize(written);
        assertThat(ours).hasSize(written);

        int compared = 0;
        for (int i = 0; i < written; i++) {
            JsonNode o = ours.get(i);
            String[] t = theirs.get(i);
            String at = "frame " + (i + 1) + " " + o;
            assertThat(Integer.parseInt(t[0])).isEqualTo(i + 1);
            assertThat(o.get("n").asInt()).as(at).isEqualTo(i + 1);
            assertThat(o.has("malformed")).as(at).isFalse();

            int typeSubtype = Integer.decode(t[1]);
            assertThat(text(o, "subtype")).as(at + " subtype")
                    .isEqualTo(Subtype.of(typeSubtype >> 4, typeSubtype & 15).json());
            assertThat(text(o, "bssid")).as(at + " bssid").isEqualTo(blankToNull(t[2]));
            assertThat(text(o, "src")).as(at + " src").isEqualTo(firstNonBlank(t[3], t[5]));
            assertThat(text(o, "dst")).as(at + " dst").isEqualTo(firstNonBlank(t[4], t[6]));
            if (t[7].equals("<MISSING>")) {
                // tshark's word for a zero-length SSID element (a wildcard probe or a hidden network)
                assertThat(text(o, "ssid")).as(at + " ssid").isEmpty();
            } else {
                assertThat(ssidHex(o)).as(at + " ssid").isEqualTo(t[7]);
            }
            Integer freq = intOrNull(t[8]);
            assertThat(intOf(o, "freq_mhz")).as(at + " freq").isEqualTo(freq);
            assertThat(intOf(o, "channel")).as(at + " channel").isEqualTo(freq == null ? null : Channels.channel(freq));
            assertThat(intOf(o, "rssi_dbm")).as(at + " rssi").isEqualTo(intOrNull(t[9].split(",")[0]));
            assertThat(intOf(o, "seq")).as(at + " seq").isEqualTo(intOrNull(t[10]));
            assertThat(intOf(o, "reason")).as(at + " reason").isEqualTo(t[11].isBlank() ? null : Integer.decode(t[11]));
            compared++;
        }
        assertThat(compared).isEqualTo(written);
    }

    @Test
    void ppiCaptureAgreesWithTsharkOnRadioFields() throws Exception {
        Assumptions.assumeTrue(tsharkInstalled(), "tshark is not installed");
        Path file = dir.resolve("ppi.pcap");
        Random rnd = new Random(7);
        int n = 60;
        try (PcapWriter w = PcapWriter.create(file, 192)) {
            for (int i = 0; i < n; i++) {
                byte[] frame = (i % 3 == 0 ? FrameBuilder.deauth().ap(0x0011_2233_4455L).reason(3)
                        : FrameBuilder.beacon().ap(0x0011_2233_4455L).ssid("ppi-" + i).channel(1)).seq(i).build();
                int freq = FREQS[i % FREQS.length];
                int signal = -30 - rnd.nextInt(60);
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(32 + frame.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                b.put((byte) 0).put((byte) 0).putShort((short) 32).putInt(105);
                b.putShort((short) 2).putShort((short) 20).putLong(i).putShort((short) 0).putShort((short) 12)
                        .putShort((short) freq).putShort((short) 0x00a0).put((byte) 0).put((byte) 0)
                        .put((byte) signal).put((byte) -95);
                w.write(1_700_000_000_000_000_000L + i * 1_000_000L, b.put(frame).array());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FramesExport.run(file, out, ProgressBar.disabled());
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        List<String> cmd = List.of("tshark", "-n", "-r", file.toString(), "-T", "fields", "-E", "separator=/t",
                "-e", "frame.number", "-e", "wlan.fc.type_subtype", "-e", "ppi.80211-common.chan.freq",
                "-e", "ppi.80211-common.dbm.antsignal", "-e", "wlan.seq", "-e", "wlan.ssid");
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String[] rows = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n");
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(lines).hasSize(n);
        assertThat(rows).hasSize(n);
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < n; i++) {
            JsonNode o = json.readTree(lines[i]);
            String[] t = rows[i].split("\t", -1);
            String at = "frame " + (i + 1) + " " + o;
            int typeSubtype = Integer.decode(t[1]);
            assertThat(text(o, "subtype")).as(at).isEqualTo(Subtype.of(typeSubtype >> 4, typeSubtype & 15).json());
            assertThat(intOf(o, "freq_mhz")).as(at + " freq").isEqualTo(intOrNull(t[2]));
            assertThat(intOf(o, "rssi_dbm")).as(at + " rssi").isEqualTo(intOrNull(t[3]));
            assertThat(intOf(o, "seq")).as(at + " seq").isEqualTo(intOrNull(t[4]));
            assertThat(ssidHex(o)).as(at + " ssid").isEqualTo(t[5]);
        }
    }

    // ---- the capture ------------------------------------------------------------------------------

    /** Writes {@code n} records mixing management, control and data frames and radiotap layouts. */
    static int writeCapture(Path file, int n) throws IOException {
        Random rnd = new Random(20_240_601);
        try (PcapWriter w = PcapWriter.create(file, 127)) {
            long ts = 1_700_000_000_000_000_000L;
            for (int i = 0; i < n; i++) {
                long ap = 0x0011_2233_4400L | rnd.nextInt(8);
                long sta = 0x0200_0000_0000L | rnd.nextInt(1 << 16);
                int seq = rnd.nextInt(4096);
                FrameBuilder f = switch (i % 24) {
                    case 0 -> FrameBuilder.beacon().ap(ap).ssid("net-" + i).rates().channel(6).rsn(Rsn.wpa2Psk()).tim(0, 1);
                    case 1 -> FrameBuilder.beacon().ap(ap).ssid("Café ☕ " + i).rates().channel(11).rsn(Rsn.wpa3Sae());
                    case 2 -> FrameBuilder.beacon().ap(ap).hiddenSsid(5).rates().channel(1);
                    case 3 -> FrameBuilder.beacon().ap(ap).ssid(new byte[] {(byte) 0xff, 0x01, 'x', (byte) 0xc3}).channel(3);
                    case 4 -> FrameBuilder.probeRequest().source(sta).ssid(i % 2 == 0 ? "" : "corp").rates();
                    case 5 -> FrameBuilder.probeResponse().ap(ap).destination(sta).ssid("guest").rates().channel(36)
                            .rsn(Rsn.transition());
                    case 6 -> FrameBuilder.deauth().ap(ap).destination(i % 2 == 0 ? MacAddress.BROADCAST : sta)
                            .reason(1 + rnd.nextInt(20));
                    case 7 -> FrameBuilder.disassoc().ap(ap).destination(sta).reason(8);
                    case 8 -> FrameBuilder.auth().bssid(ap).source(sta).destination(ap).authAlgorithm(0).authSeq(1);
                    case 9 -> FrameBuilder.saeCommit(19).bssid(ap).source(sta).destination(ap);
                    case 10 -> FrameBuilder.assocRequest().bssid(ap).source(sta).destination(ap).ssid("corp").rates()
                            .rsn(Rsn.wpa2Psk());
                    case 11 -> FrameBuilder.assocResponse().ap(ap).destination(sta).status(0);
                    case 12 -> FrameBuilder.reassocRequest().bssid(ap).source(sta).destination(ap).currentAp(ap ^ 1)
                            .ssid("corp");
                    case 13 -> FrameBuilder.action().ap(ap).destination(sta).category(3).actionCode(0);
                    case 14 -> FrameBuilder.qosData().toDs().bssid(ap).source(sta).destination(0x0200_0000_ffffL)
                            .payload(new byte[24]);
                    case 15 -> FrameBuilder.data().fromDs().bssid(ap).source(0x0200_0000_eeeeL).destination(sta)
                            .llcSnap(0x0800, new byte[20]);
                    case 16 -> FrameBuilder.nullData().toDs().bssid(ap).source(sta).destination(ap);
                    case 17 -> FrameBuilder.eapolFromAp(ap, sta, EapolKeyBuilder.message(1).replayCounter(i));
                    case 18 -> FrameBuilder.data().wds().addr1(ap).addr2(ap ^ 2).addr3(sta).addr4(sta ^ 4)
                            .payload(new byte[8]);
                    case 19 -> FrameBuilder.rts().receiver(ap).transmitter(sta);
                    case 20 -> FrameBuilder.cts().receiver(sta);
                    case 21 -> FrameBuilder.ack().receiver(ap);
                    case 22 -> FrameBuilder.psPoll().receiver(ap).transmitter(sta).aid(3);
                    default -> FrameBuilder.blockAckRequest().receiver(ap).transmitter(sta);
                };
                f.seq(seq);
                boolean fcs = i % 7 == 3;
                if (fcs) f.fcs();
                RadiotapBuilder rt = radiotap(i, rnd, fcs);
                w.write(ts, rt.wrap(f.build()));
                ts += 1_000L + rnd.nextInt(1_000_000);
            }
        }
        return n;
    }

    /** Radiotap layouts: plain, with TSFT, extended per-antenna namespaces, a vendor namespace, HT/VHT/HE. */
    static RadiotapBuilder radiotap(int i, Random rnd, boolean fcs) {
        int freq = FREQS[i % FREQS.length];
        int signal = -20 - rnd.nextInt(75);
        int flags = fcs ? 0x10 : 0;
        return switch (i % 5) {
            case 0 -> new RadiotapBuilder().flags(flags).rate(2).channel(freq).antennaSignal(signal).antenna(0).rxFlags(0);
            case 1 -> new RadiotapBuilder().tsft(rnd.nextLong() & Long.MAX_VALUE).flags(flags).rate(12).channel(freq)
                    .antennaSignal(signal).antennaNoise(-95).mcs(0x07, 0x01, rnd.nextInt(8));
            case 2 -> new RadiotapBuilder().tsft(123456789L).flags(flags).channel(freq).antennaSignal(signal).rxFlags(0)
                    .radiotapNamespace().antennaSignal(signal - 2).antenna(0)
                    .radiotapNamespace().antennaSignal(signal - 3).antenna(1);
            case 3 -> new RadiotapBuilder().flags(flags).channel(freq).antennaSignal(signal)
                    .vendorNamespace(0x001122, 0, 0x3, new byte[] {1, 2, 3, 4, 5})
                    .antenna(1);
            default -> new RadiotapBuilder().flags(flags).channel(freq).antennaSignal(signal)
                    .ampduStatus(i, 0).vht(4, 7, 2).timestamp(i, 0, 0x11, 0).he(5, 2);
        };
    }

    // ---- tshark ----------------------------------------------------------------------------------

    static boolean tsharkInstalled() {
        try {
            Process p = new ProcessBuilder("tshark", "-v").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static List<String[]> tshark(Path file) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString(), "-T", "fields",
                "-E", "separator=/t", "-E", "occurrence=a"));
        for (String f : TSHARK_FIELDS) {
            cmd.add("-e");
            cmd.add(f);
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        List<String[]> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) continue;
            String[] cols = line.split("\t", -1);
            assertThat(cols).hasSize(TSHARK_FIELDS.length);
            rows.add(cols);
        }
        return rows;
    }

    // ---- helpers --------------------------------------------------------------------------------

    static String text(JsonNode o, String key) {
        return o.has(key) ? o.get(key).asText() : null;
    }

    static Integer intOf(JsonNode o, String key) {
        return o.has(key) ? o.get(key).asInt() : null;
    }

    static Integer intOrNull(String s) {
        return s == null || s.isBlank() ? null : Integer.valueOf(s.trim());
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static String firstNonBlank(String a, String b) {
        return blankToNull(a) != null ? a : blankToNull(b);
    }

    /** tshark prints the SSID element bytes in hex; an absent SSID and an empty one both print nothing. */
    static String ssidHex(JsonNode o) {
        if (o.has("ssid_hex")) return o.get("ssid_hex").asText();
        if (o.has("ssid")) return HexFormat.of().formatHex(o.get("ssid").asText().getBytes(StandardCharsets.UTF_8));
        return "";
    }
}
