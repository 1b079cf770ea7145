package io.sentinel.sensor.radio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelHopperTest {

    /** A radio that exists only in the test: records the commands and lets frames "arrive" while time passes. */
    static final class FakeRadio {
        final List<List<String>> commands = new ArrayList<>();
        final List<Integer> refusedFreqs = new ArrayList<>();
        long now;
        int tunedFreq;
        ChannelHopper hopper;
        /** frames per second heard on each frequency */
        final java.util.Map<Integer, Integer> rate = new java.util.HashMap<>();

        CommandRunner runner() {
            return argv -> {
                commands.add(argv);
                if (argv.size() == 6 && argv.get(3).equals("set") && argv.get(4).equals("freq")) {
                    int f = Integer.parseInt(argv.get(5));
                    if (refusedFreqs.contains(f)) return new CommandRunner.Result(1, "command failed: Invalid argument (-22)");
                    tunedFreq = f;
                }
                return new CommandRunner.Result(0, "");
            };
        }

        void sleep(long nanos) {
            int r = rate.getOrDefault(tunedFreq, 0);
            long frames = r * nanos / 1_000_000_000L;
            for (long i = 0; i < frames; i++) hopper.onFrame();
            now += nanos;
        }
    }

    private static final HopOptions FIXED = new HopOptions(Duration.ofMillis(200), Duration.ofMillis(5), false,
            Duration.ofMillis(50), Duration.ofMillis(800), 0.5);

    private static ChannelHopper hopper(FakeRadio radio, List<Channel> plan, HopOptions o, ChannelCoverage cov) {
        var h = new ChannelHopper("wlan0", plan, o, radio.runner(), cov, () -> radio.now, radio::sleep);
        radio.hopper = h;
        return h;
    }

    @Test
    void fixedHoppingVisitsEveryChannelInTurnWithIwAndCreditsDwellAfterSettling() throws Exception {
        var radio = new FakeRadio();
        var cov = new ChannelCoverage();
        var plan = ChannelPlan.parse("1,6,11");
        var h = hopper(radio, plan, FIXED, cov);
        for (int i = 0; i < 6; i++) assertThat(h.step()).isTrue();
        assertThat(radio.commands).extracting(c -> c.get(5)).containsExactly("2412", "2437", "2462", "2412", "2437", "2462");
        assertThat(radio.commands.getFirst()).containsExactly("iw", "dev", "wlan0", "set", "freq", "2412");
        assertThat(cov.snapshot()).containsExactly(
                new ChannelCoverage.Entry(1, 400, 2, 0), new ChannelCoverage.Entry(6, 400, 2, 0), new ChannelCoverage.Entry(11, 400, 2, 0));
        assertThat(radio.now).isEqualTo(6 * 205_000_000L);
    }

    @Test
    void adaptiveHoppingStaysLongerWhereTheTrafficIsButStillVisitsQuietChannels() throws Exception {
        var radio = new FakeRadio();
        radio.rate.put(2437, 500); // a busy channel 6
        radio.rate.put(2412, 5);
        var cov = new ChannelCoverage();
        var h = hopper(radio, ChannelPlan.parse("1,6,11"), FIXED.adaptive(true), cov);
        for (int i = 0; i < 60; i++) h.step();
        var byChannel = cov.snapshot();
        long ch1 = byChannel.get(0).listenMillis(), ch6 = byChannel.get(1).listenMillis(), ch11 = byChannel.get(2).listenMillis();
        assertThat(byChannel).extracting(ChannelCoverage.Entry::visits).containsOnly(20L);
        assertThat(ch6).isGreaterThan(3 * ch1);
        assertThat(ch11).isGreaterThanOrEqualTo(20 * 50L); // never below the minimum dwell
        assertThat(ch6).isLessThanOrEqualTo(20 * 800L);
        assertThat(h.scheduler().activity(1)).isGreaterThan(h.scheduler().activity(0));
        assertThat(byChannel.get(1).frames()).isZero(); // frames by channel come from the pipeline, not the hopper
    }

    @Test
    void aChannelTheAdapterRefusesIsSkippedAfterRepeatedFailures() throws Exception {
        var radio = new FakeRadio();
        radio.refusedFreqs.add(5180); // channel 36
        var cov = new ChannelCoverage();
        var h = hopper(radio, ChannelPlan.parse("1,36"), FIXED, cov);
        for (int i = 0; i < 20; i++) h.step();
        assertThat(h.retuneFailures()).isEqualTo(ChannelHopper.MAX_FAILURES);
        assertThat(cov.snapshot()).extracting(ChannelCoverage.Entry::channel).containsExactly(1);
        assertThat(radio.commands.stream().filter(c -> c.get(5).equals("5180")).count()).isEqualTo(ChannelHopper.MAX_FAILURES);
    }

    @Test
    void channelPlansCoverTheThreeBands() {
        assertThat(ChannelPlan.band24()).hasSize(13).first().isEqualTo(Channel.of(Band.GHZ_2_4, 1));
        assertThat(ChannelPlan.band24().get(12).freqMhz()).isEqualTo(2472);
        assertThat(ChannelPlan.band5()).extracting(Channel::number).contains(36, 64, 100, 144, 149, 165).hasSize(25);
        assertThat(Channel.of(Band.GHZ_5, 36).freqMhz()).isEqualTo(5180);
        assertThat(ChannelPlan.band6(true)).extracting(Channel::number).startsWith(5, 21, 37).endsWith(229).hasSize(15);
        assertThat(Channel.of(Band.GHZ_6, 37).freqMhz()).isEqualTo(6135);
        assertThat(ChannelPlan.band6(false)).hasSize(59);
        assertThat(ChannelPlan.parse("2.4ghz,5ghz,6ghz")).hasSize(13 + 25 + 15);
        assertThat(ChannelPlan.parse("2.4:1,6;6:5")).containsExactly(Channel.of(Band.GHZ_2_4, 1), Channel.of(Band.GHZ_2_4, 6),
                Channel.of(Band.GHZ_6, 5));
        assertThatThrownBy(() -> ChannelPlan.parse("200")).hasMessageContaining("6:200");
    }

    @Test
    void monitorModeIsSetWithIpAndIwAndRestoredToTheOriginalType() throws IOException {
        List<String> log = new ArrayList<>();
        CommandRunner runner = argv -> {
            log.add(String.join(" ", argv));
            if (argv.equals(List.of("iw", "dev", "wlan1", "info")))
                return new CommandRunner.Result(0, "Interface wlan1\n\tifindex 4\n\taddr 00:c0:ca:00:00:01\n\ttype managed\n\twiphy 1");
            return new CommandRunner.Result(0, "");
        };
        var mm = MonitorMode.enable("wlan1", runner);
        assertThat(mm.originalType()).isEqualTo("managed");
        mm.restore();
        mm.restore(); // idempotent (shutdown hook and normal close may both run)
        assertThat(log).containsExactly("iw dev wlan1 info", "ip link set wlan1 down", "iw dev wlan1 set type monitor",
                "ip link set wlan1 up", "ip link set wlan1 down", "iw dev wlan1 set type managed", "ip link set wlan1 up");
    }

    @Test
    void interfaceAlreadyInMonitorModeIsLeftAlone() throws IOException {
        List<String> log = new ArrayList<>();
        CommandRunner runner = argv -> {
            log.add(String.join(" ", argv));
            return new CommandRunner.Result(0, "Interface mon0\n\ttype monitor\n");
        };
        var mm = MonitorMode.enable("mon0", runner);
        mm.close();
        assertThat(mm.changed()).isFalse();
        assertThat(log).containsExactly("iw dev mon0 info");
    }

    @Test
    void aNewPlanTakesEffectAtTheNextHopWithoutStopping() throws Exception {
        var radio = new FakeRadio();
        var cov = new ChannelCoverage();
        var h = hopper(radio, ChannelPlan.parse("1,6,11"), FIXED, cov);
        assertThat(h.step()).isTrue();
        assertThat(h.step()).isTrue();
        HopOptions longer = new HopOptions(Duration.ofMillis(400), Duration.ofMillis(5), false,
                Duration.ofMillis(400), Duration.ofMillis(800), 0.5);
        h.replan(ChannelPlan.parse("36,149"), longer);
        long before = radio.now;
        for (int i = 0; i < 4; i++) assertThat(h.step()).isTrue();
        assertThat(radio.commands.subList(2, 6)).extracting(c -> c.get(5)).containsExactly("5180", "5745", "5180", "5745");
        assertThat(radio.now - before).isEqualTo(4 * (400 + 5) * 1_000_000L);
        assertThat(h.options()).isEqualTo(longer);
        assertThat(h.scheduler().channels()).hasSize(2);
    }
}
