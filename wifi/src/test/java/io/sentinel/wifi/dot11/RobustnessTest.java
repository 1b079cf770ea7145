package io.sentinel.wifi.dot11;

import static io.sentinel.wifi.dot11.Decode.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.wifi.build.EapolKeyBuilder;
import io.sentinel.wifi.build.FrameBuilder;
import io.sentinel.wifi.build.Rsn;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Truncation at every length and random mutation never make the decoder throw. */
class RobustnessTest {

    static final long AP = mac("00:11:22:33:44:55"), STA = mac("02:aa:bb:cc:dd:ee");

    static List<byte[]> corpus() {
        List<byte[]> c = new ArrayList<>();
        c.add(FrameBuilder.beacon().ap(AP).ssid("Corpus").rates().channel(6).tim(0, 1).country("US").rsn(Rsn.transition())
                .wpa(Rsn.wpaPsk()).wps().htCapabilities().vhtCapabilities().heCapabilities().extendedCapabilities()
                .channelSwitch(1, 11, 5).extendedChannelSwitch(1, 81, 11, 5).vendor(0x0017F2, (byte) 1).build());
        c.add(FrameBuilder.eapolFromAp(AP, STA, EapolKeyBuilder.message(1).replayCounter(1).pmkid(new byte[16])).build());
        c.add(FrameBuilder.eapolToAp(AP, STA, EapolKeyBuilder.message(2)).build());
        c.add(FrameBuilder.qosData().wds().receiver(AP).transmitter(STA).source(STA).destination(AP).htControl(1).llcSnap(0x0800, new byte[30]).build());
        c.add(FrameBuilder.assocRequest().bssid(AP).destination(AP).source(STA).ssid("x").rsn(Rsn.wpa3Sae().pmkids(1)).build());
        c.add(FrameBuilder.reassocRequest().bssid(AP).destination(AP).source(STA).ssid("x").build());
        c.add(FrameBuilder.assocResponse().ap(AP).destination(STA).rates().build());
        c.add(FrameBuilder.saeCommit(19).bssid(AP).destination(AP).source(STA).build());
        c.add(FrameBuilder.deauth().ap(AP).destination(STA).reason(7).build());
        c.add(FrameBuilder.data().toDs().bssid(AP).source(STA).destination(AP).wep(0x123456, 1).build());
        c.add(FrameBuilder.qosData().fromDs().bssid(AP).source(AP).destination(STA).ccmp(99, 0).build());
        c.add(FrameBuilder.blockAck().receiver(STA).transmitter(AP).build());
        c.add(FrameBuilder.controlWrapper().receiver(STA).htControl(5).build());
        c.add(FrameBuilder.action().ap(AP).destination(STA).category(3).actionCode(0).payload(new byte[10]).build());
        c.add(FrameBuilder.action().ap(AP).category(0).actionCode(4).channelSwitch(1, 6, 3).build());
        c.add(FrameBuilder.action().ap(AP).category(4).actionCode(4).payload(new byte[] {1, 81, 6, 3}).build());
        c.add(FrameBuilder.probeResponse().ap(AP).destination(STA).ssid("p").channel(1).rsn(Rsn.owe()).build());
        return c;
    }

    @Test
    void everyTruncationOfEveryCorpusFrameDecodesWithoutThrowing() {
        var f = new DecodedFrame();
        for (byte[] full : corpus()) {
            for (int len = 0; len <= full.length; len++) {
                for (boolean fcs : new boolean[] {false, true}) {
                    Decode.into(f, full, len, fcs);
                    assertThat(f.malformed()).as("len %d", len).isNotEqualTo(Malformed.DECODER_FAULT);
                    touchEverything(f);
                }
            }
            Decode.into(f, full, full.length, false);
            assertThat(f.malformed()).as("the full frame is well formed").isNull();
        }
    }

    @Test
    void truncatedBeaconReportsWhyAtEveryLength() {
        byte[] full = corpus().get(0);
        var f = new DecodedFrame();
        for (int len = 0; len < full.length; len++) {
            Decode.into(f, full, len, false);
            // a cut that falls exactly between two elements is a shorter valid beacon
            if (len >= 36 && f.malformed() == null) {
                assertThat(f.elements().overrun()).isFalse();
                continue;
            }
            assertThat(f.malformed()).as("len %d", len).isNotNull();
        }
    }

    @Test
    void truncatedEapolKeepsItsKeyInformationOnceReadable() {
        byte[] full = corpus().get(1);
        var f = new DecodedFrame();
        for (int len = 24 + 8 + 4 + 3; len <= full.length; len++) {
            Decode.into(f, full, len, false);
            assertThat(f.eapolKey().present()).isTrue();
            assertThat(f.eapolKey().message()).isEqualTo(1);
        }
    }

    @Test
    void randomlyMutatedFramesNeverThrow() {
        var rnd = new SplittableRandom(0x5E_17_1E_11L);
        var corpus = corpus();
        var f = new DecodedFrame();
        int malformed = 0;
        for (int n = 0; n < 100_000; n++) {
            byte[] base = corpus.get(rnd.nextInt(corpus.size()));
            byte[] b = mutate(base, rnd);
            Decode.into(f, b, b.length, rnd.nextInt(8) == 0);
            assertThat(f.malformed()).isNotEqualTo(Malformed.DECODER_FAULT);
            if (f.malformed() != null) malformed++;
            touchEverything(f);
        }
        assertThat(malformed).as("the mutations do reach the fault paths").isGreaterThan(1000);
    }

    @Test
    void randomElementSequencesNeverThrowAndNeverIndexPastTheFrame() {
        var rnd = new SplittableRandom(20_26_11_25L);
        int[] interesting = {0, 1, 3, 5, 7, 37, 45, 48, 50, 60, 61, 127, 191, 221, 255};
        var f = new DecodedFrame();
        for (int n = 0; n < 50_000; n++) {
            var b = switch (rnd.nextInt(3)) {
                case 0 -> FrameBuilder.beacon().ap(AP);
                case 1 -> FrameBuilder.assocRequest().bssid(AP).destination(AP).source(STA);
                default -> FrameBuilder.action().ap(AP).category(rnd.nextBoolean() ? 0 : 4).actionCode(4);
            };
            int elements = rnd.nextInt(12);
            for (int e = 0; e < elements; e++) {
                int id = rnd.nextInt(4) == 0 ? rnd.nextInt(256) : interesting[rnd.nextInt(interesting.length)];
                byte[] body = new byte[rnd.nextInt(40)];
                for (int i = 0; i < body.length; i++) body[i] = (byte) (rnd.nextInt(3) == 0 ? rnd.nextInt(256) : rnd.nextInt(4));
                if (id == 221 && body.length >= 4 && rnd.nextBoolean()) { // WPA / WPS vendor elements
                    body[0] = 0;
                    body[1] = 0x50;
                    body[2] = (byte) 0xF2;
                    body[3] = (byte) (rnd.nextBoolean() ? 1 : 4);
                }
                if (id == 48 && body.length >= 2 && rnd.nextBoolean()) body[0] = 1;
                int declared = rnd.nextInt(10) == 0 ? rnd.nextInt(256) : body.length;
                b.raw(io.sentinel.wifi.build.InfoElements.withLength(id, declared, body));
            }
            byte[] frame = b.build();
            Decode.into(f, frame, frame.length, false);
            assertThat(f.malformed()).isNotEqualTo(Malformed.DECODER_FAULT);
            var e = f.elements();
            for (int i = 0; i < e.count(); i++) assertThat(e.offset(i) + e.length(i)).isLessThanOrEqualTo(frame.length);
            if (e.hasSsid()) assertThat(e.ssidOffset() + e.ssidLength()).isLessThanOrEqualTo(frame.length);
            touchEverything(f);
        }
    }

    @Test
    void randomEapolKeyFieldsNeverThrow() {
        var rnd = new SplittableRandom(0xEA_90_1L);
        var f = new DecodedFrame();
        for (int n = 0; n < 20_000; n++) {
            byte[] kd = new byte[rnd.nextInt(60)];
            for (int i = 0; i < kd.length; i++) kd[i] = (byte) (rnd.nextInt(4) == 0 ? 0xDD : rnd.nextInt(256));
            var k = EapolKeyBuilder.message(1 + rnd.nextInt(4)).keyInfo(rnd.nextInt(0x10000)).keyData(kd)
                    .descriptorType(rnd.nextInt(3) == 0 ? rnd.nextInt(256) : 2);
            if (rnd.nextInt(5) == 0) k.declaredKeyDataLength(rnd.nextInt(0x10000));
            if (rnd.nextInt(5) == 0) k.declaredBodyLength(rnd.nextInt(0x10000));
            byte[] frame = FrameBuilder.eapolFromAp(AP, STA, k).build();
            int len = rnd.nextInt(4) == 0 ? rnd.nextInt(frame.length + 1) : frame.length;
            Decode.into(f, frame, len, false);
            assertThat(f.malformed()).isNotEqualTo(Malformed.DECODER_FAULT);
            var key = f.eapolKey();
            if (key.keyDataOffset() >= 0) assertThat(key.keyDataOffset() + key.keyDataLength()).isLessThanOrEqualTo(len);
            if (key.hasPmkid()) assertThat(key.pmkidOffset() + 16).isLessThanOrEqualTo(len);
            touchEverything(f);
        }
    }

    @Test
    void decodingAtAnOffsetInsideALargerSegmentStaysInsideTheFrame() {
        byte[] beacon = corpus().get(0);
        byte[] big = new byte[beacon.length + 64];
        java.util.Arrays.fill(big, (byte) 0xDD); // vendor element ids with length 0xDD after the frame
        System.arraycopy(beacon, 0, big, 32, beacon.length);
        var f = new DecodedFrame();
        f.reset(null);
        for (int len = 0; len <= beacon.length; len++) {
            Dot11Decoder.decode(MemorySegment.ofArray(big), 32, len, false, f);
            assertThat(f.malformed()).isNotEqualTo(Malformed.DECODER_FAULT);
            for (int i = 0; i < f.elements().count(); i++) {
                assertThat(f.elements().offset(i) + f.elements().length(i)).isLessThanOrEqualTo(32 + len);
            }
        }
    }

    static byte[] mutate(byte[] base, SplittableRandom rnd) {
        byte[] b = base.clone();
        switch (rnd.nextInt(4)) {
            case 0 -> { // flip a few bytes
                int k = 1 + rnd.nextInt(4);
                for (int i = 0; i < k; i++) b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            }
            case 1 -> b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length + 1)); // truncate
            case 2 -> { // extend with noise
                b = java.util.Arrays.copyOf(b, b.length + 1 + rnd.nextInt(64));
                for (int i = base.length; i < b.length; i++) b[i] = (byte) rnd.nextInt(256);
            }
            default -> { // change the frame control, then flip one byte past the header
                b[0] = (byte) rnd.nextInt(256);
                b[1] = (byte) rnd.nextInt(256);
                if (b.length > 24) b[24 + rnd.nextInt(b.length - 24)] ^= (byte) (1 << rnd.nextInt(8));
            }
        }
        return b;
    }

    /** Reads every accessor the way consumers do. */
    static void touchEverything(DecodedFrame f) {
        f.type();
        f.subtype();
        f.bssid();
        f.source();
        f.destination();
        f.channel();
        f.freqMhz();
        f.ssid();
        var e = f.elements();
        for (int i = 0; i < e.count(); i++) {
            e.id(i);
            e.offset(i);
            e.length(i);
            e.extensionId(i);
        }
        for (int j = 0; j < e.vendorCount(); j++) {
            e.vendorOui(j);
            e.vendorType(j);
            e.vendorIndex(j);
        }
        e.ssidBytes();
        e.ssidHash();
        e.ssidHidden();
        var s = f.security();
        s.label();
        s.strength();
        var k = f.eapolKey();
        k.nonce();
        k.nonceHash();
        k.pmkid();
        k.pmkidZero();
        k.micZero();
        k.message();
    }
}
