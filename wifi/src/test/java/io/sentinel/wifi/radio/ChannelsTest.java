package io.sentinel.wifi.radio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChannelsTest {

    @Test
    void frequenciesMapToChannelsInEveryBand() {
        assertThat(Channels.channel(2412)).isEqualTo(1);
        assertThat(Channels.channel(2437)).isEqualTo(6);
        assertThat(Channels.channel(2472)).isEqualTo(13);
        assertThat(Channels.channel(2484)).isEqualTo(14);
        assertThat(Channels.channel(4920)).isEqualTo(184);
        assertThat(Channels.channel(5180)).isEqualTo(36);
        assertThat(Channels.channel(5825)).isEqualTo(165);
        assertThat(Channels.channel(5935)).isEqualTo(2);
        assertThat(Channels.channel(5955)).isEqualTo(1);
        assertThat(Channels.channel(6115)).isEqualTo(33);
        assertThat(Channels.channel(7115)).isEqualTo(233);
        assertThat(Channels.channel(2413)).isEqualTo(-1);
        assertThat(Channels.channel(0)).isEqualTo(-1);
        assertThat(Channels.channel(900)).isEqualTo(-1);
    }

    @Test
    void channelsMapBackToFrequenciesGivenTheBand() {
        for (Channels.Band band : Channels.Band.values()) {
            for (int ch = 1; ch <= 233; ch++) {
                int f = Channels.frequency(band, ch);
                if (f > 0) {
                    assertThat(Channels.channel(f)).as("%s channel %d", band, ch).isEqualTo(ch);
                    assertThat(Channels.band(f)).isEqualTo(band);
                }
            }
        }
        assertThat(Channels.frequency(Channels.Band.GHZ_2_4, 14)).isEqualTo(2484);
        assertThat(Channels.frequency(Channels.Band.GHZ_6, 1)).isEqualTo(5955);
        assertThat(Channels.frequency(Channels.Band.GHZ_2_4, 15)).isEqualTo(-1);
        assertThat(Channels.guessFrequency(11)).isEqualTo(2462);
        assertThat(Channels.guessFrequency(149)).isEqualTo(5745);
        assertThat(Channels.guessFrequency(0)).isEqualTo(-1);
    }
}
