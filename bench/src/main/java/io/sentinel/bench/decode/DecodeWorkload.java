package io.sentinel.bench.decode;

import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.build.EapolKeyBuilder;
import io.sentinel.wifi.build.FrameBuilder;
import io.sentinel.wifi.build.Rsn;
import io.sentinel.wifi.capture.PcapWriter;
import io.sentinel.wifi.radio.Channels;
import io.sentinel.wifi.radio.RadiotapBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A management-heavy radiotap capture like a sensor sees in an office: 60% beacons of 40 access
 * points (SSID, rates, DS, TIM, country, RSN or WPA, HT/VHT capabilities, WPS, vendor elements),
 * 12% probe requests and responses, 6% authentication / association / deauthentication, 4%
 * EAPOL-Key, 10% data, 8% control frames; radiotap headers with TSFT, flags, rate, channel,
 * signal, noise, antenna (some with per-antenna namespaces). Deterministic for a given count.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.sentinel.bench.decode.DecodeWorkload FILE COUNT}
 * writes such a capture for {@code sentinel bench decode FILE}.
 */
public final class DecodeWorkload {
    private DecodeWorkload() {}

    private static final int[] CHANNELS = {1, 6, 11, 36, 44, 149};

    public static void write(OutputStream out, int count) throws IOException {
        Random rnd = new Random(42);
        byte[][] beacons = new byte[40][];
        for (int ap = 0; ap < beacons.length; ap++) {
            int ch = CHANNELS[ap % CHANNELS.length];
            FrameBuilder b = FrameBuilder.beacon().ap(0x0011_2233_4400L + ap).ssid(ap % 9 == 0 ? "Café-" + ap : "office-" + ap)
                    .rates().channel(ch).tim(0, 3).country("DE").htCapabilities().extendedCapabilities();
            b = switch (ap % 5) {
                case 0 -> b.rsn(Rsn.wpa2Psk()).wps();
                case 1 -> b.rsn(Rsn.wpa3Sae()).vhtCapabilities();
                case 2 -> b.rsn(Rsn.transition()).vhtCapabilities();
                case 3 -> b.rsn(Rsn.wpa2Eap()).vendor(0x00_50F2, (byte) 2, (byte) 1, (byte) 1, (byte) 0);
                default -> b.wpa(Rsn.wpaPsk()).vendor(0x00_1018, (byte) 2, (byte) 0, (byte) 0x10);
            };
            beacons[ap] = b.seq(ap * 7).build();
        }
        try (PcapWriter w = PcapWriter.create(out, 127)) {
            long ts = 1_700_000_000_000_000_000L;
            for (int i = 0; i < count; i++) {
                int ap = rnd.nextInt(beacons.length);
                long bssid = 0x0011_2233_4400L + ap;
                long sta = 0x0200_0000_0000L | rnd.nextInt(5000);
                int kind = rnd.nextInt(100);
                byte[] frame;
                if (kind < 60) frame = beacons[ap];
                else if (kind < 66) frame = FrameBuilder.probeRequest().source(sta).ssid(kind % 2 == 0 ? "" : "office-3").rates().seq(i & 4095).build();
                else if (kind < 72) frame = FrameBuilder.probeResponse().ap(bssid).destination(sta).ssid("office-" + ap).rates().channel(6).rsn(Rsn.wpa2Psk()).seq(i & 4095).build();
                else if (kind < 74) frame = FrameBuilder.auth().bssid(bssid).source(sta).destination(bssid).seq(i & 4095).build();
                else if (kind < 76) frame = FrameBuilder.assocRequest().bssid(bssid).source(sta).destination(bssid).ssid("office-" + ap).rates().rsn(Rsn.wpa2Psk()).build();
                else if (kind < 78) frame = FrameBuilder.deauth().ap(bssid).destination(rnd.nextBoolean() ? sta : MacAddress.BROADCAST).reason(7).seq(i & 4095).build();
                else if (kind < 82) frame = FrameBuilder.eapolFromAp(bssid, sta, EapolKeyBuilder.message(1).replayCounter(i)).seq(i & 4095).build();
                else if (kind < 92) frame = FrameBuilder.qosData().toDs().bssid(bssid).source(sta).destination(0x0200_0000_ffffL).ccmp(i, 0).seq(i & 4095).build();
                else if (kind < 96) frame = FrameBuilder.ack().receiver(sta).build();
                else frame = FrameBuilder.rts().receiver(bssid).transmitter(sta).build();
                int freq = Channels.guessFrequency(CHANNELS[ap % CHANNELS.length]);
                RadiotapBuilder rt = new RadiotapBuilder().tsft(ts / 1000).flags(0).rate(2).channel(freq)
                        .antennaSignal(-30 - rnd.nextInt(60)).antennaNoise(-95).antenna(0);
                if (i % 4 == 0) rt = rt.rxFlags(0).radiotapNamespace().antennaSignal(-40).antenna(0).radiotapNamespace().antennaSignal(-44).antenna(1);
                w.write(ts, rt.wrap(frame));
                ts += 100_000L + rnd.nextInt(400_000);
            }
        }
    }

    public static void write(Path file, int count) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(out, count);
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: DecodeWorkload FILE COUNT");
            System.exit(2);
        }
        write(Path.of(args[0]), Integer.parseInt(args[1]));
    }
}
