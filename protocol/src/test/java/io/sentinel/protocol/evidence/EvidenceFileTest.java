package io.sentinel.protocol.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EvidenceFileTest {

    private static final EvidenceLabel LABEL = new EvidenceLabel("ev-1", "deauth_flood:aa:bb", "deauth_flood", "s-1", "wlan0mon",
            1_700_000_000_123_456_789L);

    private static byte[] threeFrames() {
        EvidencePcapng w = new EvidencePcapng(LABEL, "sentinel test");
        byte[] frame = new byte[] {0, 0, 8, 0, 0, 0, 0, 0, (byte) 0xc0, 0, 0x3a, 0x01, 1, 2, 3};
        w.add(127, 1_700_000_000_000_000_001L, frame, 0, frame.length, frame.length, "deauth a -> b");
        w.add(127, 1_700_000_001_000_000_002L, frame, 0, 9, frame.length, null);
        w.add(105, 1_700_000_002_500_000_000L, frame, 8, 7, 7, "line\nbreak");
        return w.toByteArray();
    }

    @Test
    void writtenFileReadsBackWithLabelSpanAndPreview() throws Exception {
        EvidenceFile.Summary s = EvidenceFile.inspect(threeFrames(), 2);
        assertThat(s.label()).contains(LABEL);
        assertThat(s.frames()).isEqualTo(3);
        assertThat(s.firstNanos()).isEqualTo(1_700_000_000_000_000_001L);
        assertThat(s.lastNanos()).isEqualTo(1_700_000_002_500_000_000L);
        assertThat(s.preview()).hasSize(2);
        assertThat(s.preview().get(0).comment()).isEqualTo("deauth a -> b");
        assertThat(s.preview().get(0).linkType()).isEqualTo(127);
        assertThat(s.preview().get(1).comment()).isNull();
        assertThat(s.preview().get(1).capturedLength()).isEqualTo(9);
        assertThat(s.preview().get(1).originalLength()).isEqualTo(15);
    }

    @Test
    void labelSurvivesOnlyWhenEveryFieldIsValid() {
        assertThat(EvidenceLabel.parse(LABEL.comment())).contains(LABEL);
        assertThat(EvidenceLabel.parse(LABEL.comment().replace("alert_id=deauth_flood:aa:bb", "alert_id=../../x y"))).isEmpty();
        assertThat(EvidenceLabel.parse("some other comment")).isEmpty();
        assertThat(new EvidenceLabel("e", "a", "t", "s", "if\nname", 0).captureInterface()).isEqualTo("if?name");
    }

    @Test
    void jsonOrTextIsNotPcapng() {
        assertThatThrownBy(() -> EvidenceFile.inspect("{\"batch_id\":\"x\",\"sensor_id\":\"s\",\"items\":[]}".getBytes(), 5))
                .isInstanceOf(EvidenceFile.NotPcapngException.class).hasMessageContaining("section header");
    }

    @Test
    void truncatedFileIsRefused() {
        byte[] f = threeFrames();
        assertThatThrownBy(() -> EvidenceFile.inspect(Arrays.copyOf(f, f.length - 3), 5))
                .isInstanceOf(EvidenceFile.NotPcapngException.class);
    }

    @Test
    void corruptedBlockLengthIsRefused() {
        byte[] f = threeFrames();
        int shbLen = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).getInt(4);
        ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putInt(shbLen + 4, 0x7fff_fff0);
        assertThatThrownBy(() -> EvidenceFile.inspect(f, 5)).isInstanceOf(EvidenceFile.NotPcapngException.class)
                .hasMessageContaining("impossible length");
    }

    @Test
    void packetBeforeAnyInterfaceIsRefused() {
        ByteBuffer b = ByteBuffer.allocate(28 + 32).order(ByteOrder.BIG_ENDIAN);
        b.putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1).putInt(28);
        b.putInt(6).putInt(32).putInt(0).putInt(0).putInt(0).putInt(0).putInt(0).putInt(32);
        assertThatThrownBy(() -> EvidenceFile.inspect(b.array(), 5)).isInstanceOf(EvidenceFile.NotPcapngException.class)
                .hasMessageContaining("interface 0");
    }

    @Test
    void bigEndianMicrosecondFileIsRead() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(28 + 20 + 36).order(ByteOrder.BIG_ENDIAN);
        b.putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1).putInt(28);
        b.putInt(1).putInt(20).putShort((short) 127).putShort((short) 0).putInt(65535).putInt(20);
        long micros = 1_700_000_000_000_001L;
        b.putInt(6).putInt(36).putInt(0).putInt((int) (micros >>> 32)).putInt((int) micros).putInt(4).putInt(4)
                .put(new byte[] {1, 2, 3, 4}).putInt(36);
        EvidenceFile.Summary s = EvidenceFile.inspect(b.array(), 5);
        assertThat(s.frames()).isEqualTo(1);
        assertThat(s.firstNanos()).isEqualTo(micros * 1000);
        assertThat(s.label()).isEmpty();
    }
}
