package io.sentinel.wifi.dot11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.Subtype;
import io.sentinel.wifi.build.EapolKeyBuilder;
import io.sentinel.wifi.build.FrameBuilder;
import io.sentinel.wifi.build.Rsn;
import io.sentinel.wifi.capture.PcapWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The builders' frames decoded by this decoder and by tshark (Debian's Wireshark 4.0) must agree on
 * every field both read: subtype, the five addresses, sequence, fixed fields, SSID, channel, AKMs,
 * element ids, IVs, LLC EtherType, EAPOL-Key replay counter, message number and PMKID.
 */
class TsharkCrossCheckTest {

    static final long AP = MacAddress.parse("00:11:22:33:44:55"), STA = MacAddress.parse("02:aa:bb:cc:dd:ee"),
            HOST = MacAddress.parse("66:77:88:99:aa:bb"), PEER = MacAddress.parse("0a:0b:0c:0d:0e:0f");

    static final String[] FIELDS = {
            "wlan.fc.type_subtype", "wlan.ra", "wlan.ta", "wlan.bssid", "wlan.sa", "wlan.da", "wlan.seq", "wlan.frag",
            "wlan.fixed.reason_code", "wlan.fixed.auth.alg", "wlan.fixed.auth_seq", "wlan.fixed.status_code",
            "wlan.fixed.capabilities", "wlan.fixed.beacon", "wlan.fixed.listen_ival", "wlan.fixed.category_code",
            "wlan.fixed.action_code", "wlan.fixed.finite_cyclic_group", "wlan.ssid", "wlan.ds.current_channel",
            "wlan.rsn.akms.type", "wlan.tag.number", "wlan.qos", "wlan.wep.iv", "wlan.wep.key", "llc.type",
            "eapol.type", "eapol.keydes.replay_counter", "wlan_rsna_eapol.keydes.msgnr", "wlan.rsn.ie.pmkid",
    };

    static List<byte[]> frames() {
        byte[] pmkid = HexFormat.of().parseHex("a1a2a3a4a5a6a7a8a9aaabacadaeafb0");
        List<byte[]> c = new ArrayList<>();
        c.add(FrameBuilder.beacon().ap(AP).seq(1).ssid("Corp").rates().channel(6).tim(0, 1).country("US").rsn(Rsn.wpa2Psk())
                .htCapabilities().vhtCapabilities().extendedCapabilities().wps().build());
        c.add(FrameBuilder.beacon().ap(AP).seq(2).ssid("Trans").rates().channel(11).rsn(Rsn.transition()).build());
        c.add(FrameBuilder.beacon().ap(AP).seq(3).ssid("Sae").channel(36).rsn(Rsn.wpa3Sae()).heCapabilities().build());
        c.add(FrameBuilder.beacon().ap(AP).seq(4).ssid("Old").channel(1).wpa(Rsn.wpaPsk()).build());
        c.add(FrameBuilder.beacon().ap(AP).seq(5).ssid("Move").channel(1).channelSwitch(1, 11, 3).build());
        c.add(FrameBuilder.probeRequest().source(STA).seq(6).ssid("Home").rates().build());
        c.add(FrameBuilder.probeResponse().ap(AP).destination(STA).seq(7).ssid("Corp").rates().channel(6).rsn(Rsn.owe()).build());
        c.add(FrameBuilder.assocRequest().bssid(AP).destination(AP).source(STA).seq(8).listenInterval(10).ssid("Corp").rates()
                .rsn(Rsn.wpa2Psk().pmkids(1)).build());
        c.add(FrameBuilder.assocResponse().ap(AP).destination(STA).seq(9).status(0).aid(3).rates().build());
        c.add(FrameBuilder.reassocRequest().bssid(AP).destination(AP).source(STA).seq(10).currentAp(PEER).ssid("Corp").build());
        c.add(FrameBuilder.auth().bssid(AP).destination(AP).source(STA).seq(11).authAlgorithm(0).authSeq(1).build());
        c.add(FrameBuilder.saeCommit(19).bssid(AP).destination(AP).source(STA).seq(12).build());
        c.add(FrameBuilder.saeConfirm().bssid(AP).destination(STA).source(AP).seq(13).build());
        c.add(FrameBuilder.deauth().ap(AP).destination(STA).seq(14).reason(7).build());
        c.add(FrameBuilder.disassoc().ap(AP).destination(MacAddress.BROADCAST).seq(15).reason(8).build());
        c.add(FrameBuilder.action().ap(AP).destination(STA).seq(16).category(3).actionCode(0).payload(new byte[7]).build());
        c.add(FrameBuilder.eapolFromAp(AP, STA, EapolKeyBuilder.message(1).replayCounter(1).pmkid(pmkid)).seq(17).build());
        c.add(FrameBuilder.eapolToAp(AP, STA, EapolKeyBuilder.message(2).replayCounter(1)).seq(18).build());
        c.add(FrameBuilder.eapolFromAp(AP, STA, EapolKeyBuilder.message(3).replayCounter(2)).seq(19).build());
        c.add(FrameBuilder.eapolToAp(AP, STA, EapolKeyBuilder.message(4).replayCounter(2)).seq(20).build());
        c.add(FrameBuilder.data().toDs().bssid(AP).source(STA).destination(HOST).seq(21).llcSnap(0x0800, new byte[20]).build());
        c.add(FrameBuilder.data().fromDs().bssid(AP).source(HOST).destination(STA).seq(22).llcSnap(0x0806, new byte[28]).build());
        c.add(FrameBuilder.qosData().fromDs().bssid(AP).source(HOST).destination(STA).seq(23).qos(5).llcSnap(0x86DD, new byte[40]).build());
        c.add(FrameBuilder.qosData().wds().receiver(AP).transmitter(PEER).destination(HOST).source(STA).seq(24).llcSnap(0x0800, new byte[20]).build());
        c.add(FrameBuilder.data().toDs().bssid(AP).source(STA).destination(HOST).seq(25).wep(0x0A0B0C, 1).build());
        c.add(FrameBuilder.nullData().toDs().powerManagement().bssid(AP).source(STA).destination(AP).seq(26).build());
        c.add(FrameBuilder.rts().receiver(AP).transmitter(STA).build());
        c.add(FrameBuilder.cts().receiver(STA).build());
        c.add(FrameBuilder.ack().receiver(STA).build());
        c.add(FrameBuilder.psPoll().receiver(AP).transmitter(STA).duration(0xC001).build());
        c.add(FrameBuilder.cfEnd().receiver(MacAddress.BROADCAST).transmitter(AP).build());
        c.add(FrameBuilder.blockAckRequest().receiver(AP).transmitter(STA).build());
        c.add(FrameBuilder.blockAck().receiver(STA).transmitter(AP).build());
        return c;
    }

    @Test
    void decoderAgreesWithTshark(@TempDir Path dir) throws Exception {
        assumeTrue(tsharkAvailable(), "tshark is not installed");
        List<byte[]> frames = frames();
        Path pcap = dir.resolve("frames.pcap");
        try (PcapWriter w = PcapWriter.create(pcap, 105)) {
            long t = 1_700_000_000_000_000_000L;
            for (byte[] f : frames) w.write(t += 1_000_000, f);
        }
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString(), "-T", "fields",
                "-E", "separator=|", "-E", "occurrence=a", "-E", "aggregator=,"));
        for (String f : FIELDS) {
            cmd.add("-e");
            cmd.add(f);
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String[] lines = out.split("\n");
        assertThat(lines).hasSize(frames.size());
        List<String> mismatches = new ArrayList<>();
        int agreedValues = 0;
        DecodedFrame f = new DecodedFrame();
        for (int i = 0; i < frames.size(); i++) {
            String[] cols = lines[i].split("\\|", -1);
            Map<String, String> ref = new TreeMap<>();
            for (int c = 0; c < FIELDS.length; c++) ref.put(FIELDS[c], c < cols.length ? cols[c] : "");
            Decode.into(f, frames.get(i), frames.get(i).length, false);
            assertThat(f.malformed()).as("frame %d", i + 1).isNull();
            Map<String, String> ours = ours(f);
            for (var e : ours.entrySet()) {
                String theirs = ref.get(e.getKey());
                if (theirs.isEmpty() && e.getValue().isEmpty()) continue;
                if (normalise(theirs).equals(normalise(e.getValue()))) {
                    agreedValues++;
                } else {
                    mismatches.add("frame " + (i + 1) + " " + f.subtype() + " " + e.getKey() + ": tshark=" + theirs + " ours=" + e.getValue());
                }
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(agreedValues).as("non-empty values both decoders read").isGreaterThan(300);
    }

    private static String normalise(String s) {
        s = s.trim().toLowerCase();
        if (s.startsWith("0x")) {
            try {
                return Long.toString(Long.parseLong(s.substring(2), 16));
            } catch (NumberFormatException e) {
                return s;
            }
        }
        return s;
    }

    private static String mac(long m) { return m == MacAddress.NONE ? "" : MacAddress.format(m); }

    private static String num(long v) { return v < 0 ? "" : Long.toString(v); }

    /** Our values under tshark's field names; only fields we decode for that kind of frame. */
    static Map<String, String> ours(DecodedFrame f) {
        Map<String, String> m = new TreeMap<>();
        Subtype st = f.subtype();
        m.put("wlan.fc.type_subtype", Integer.toString(f.type().ordinal() << 4 | st.code()));
        m.put("wlan.ra", mac(f.receiver()));
        // tshark names CF-End's addr2 only as the BSSID
        if (st != Subtype.CF_END) m.put("wlan.ta", mac(f.transmitter()));
        m.put("wlan.seq", num(f.sequence()));
        m.put("wlan.frag", num(f.fragment()));
        if (st == Subtype.PS_POLL || st == Subtype.CF_END) m.put("wlan.bssid", mac(f.bssid()));
        if (f.type() != io.sentinel.wifi.FrameType.CTRL) {
            m.put("wlan.bssid", mac(f.bssid()));
            m.put("wlan.sa", mac(f.source()));
            m.put("wlan.da", mac(f.destination()));
        }
        m.put("wlan.fixed.reason_code", num(f.reasonCode()));
        m.put("wlan.fixed.auth.alg", num(f.authAlgorithm()));
        m.put("wlan.fixed.auth_seq", num(f.authSequence()));
        m.put("wlan.fixed.status_code", num(f.statusCode()));
        m.put("wlan.fixed.capabilities", num(f.capabilityInfo()));
        m.put("wlan.fixed.beacon", num(f.beaconInterval()));
        m.put("wlan.fixed.listen_ival", num(f.listenInterval()));
        m.put("wlan.fixed.category_code", num(f.actionCategory()));
        m.put("wlan.fixed.finite_cyclic_group", num(f.saeGroup()));
        var e = f.elements();
        m.put("wlan.ssid", e.hasSsid() ? HexFormat.of().formatHex(e.ssidBytes()) : "");
        m.put("wlan.ds.current_channel", num(e.dsChannel()));
        StringBuilder tags = new StringBuilder();
        for (int i = 0; i < e.count(); i++) tags.append(i == 0 ? "" : ",").append(e.id(i));
        // tshark also lists the elements inside EAPOL key data; we index management bodies only
        if (f.type() == io.sentinel.wifi.FrameType.MGMT) m.put("wlan.tag.number", tags.toString());
        StringBuilder akms = new StringBuilder();
        int a = f.security().hasRsn() ? f.security().akms() : 0;
        for (int b = 0; b < 31; b++) if ((a & (1 << b)) != 0) akms.append(akms.isEmpty() ? "" : ",").append(b);
        if (f.type() == io.sentinel.wifi.FrameType.MGMT) m.put("wlan.rsn.akms.type", akms.toString());
        m.put("wlan.qos", num(f.qosControl()));
        m.put("wlan.wep.iv", num(f.wepIv()));
        if (f.hasWepIv()) m.put("wlan.wep.key", num(f.keyId()));
        m.put("llc.type", num(f.etherType()));
        m.put("eapol.type", num(f.eapolType()));
        var k = f.eapolKey();
        m.put("eapol.keydes.replay_counter", k.present() ? Long.toUnsignedString(k.replayCounter()) : "");
        m.put("wlan_rsna_eapol.keydes.msgnr", k.present() && k.message() > 0 ? Integer.toString(k.message()) : "");
        m.put("wlan.rsn.ie.pmkid", k.hasPmkid() ? HexFormat.of().formatHex(k.pmkid()) : "");
        return m;
    }

    static boolean tsharkAvailable() {
        try {
            Process p = new ProcessBuilder("tshark", "-v").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
