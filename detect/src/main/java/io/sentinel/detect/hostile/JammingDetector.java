package io.sentinel.detect.hostile;

import io.sentinel.detect.Detector;
import io.sentinel.detect.AlertPolicy;
import io.sentinel.detect.DetectorSpec;
import io.sentinel.detect.Finding;
import io.sentinel.detect.Findings;
import io.sentinel.detect.Mitre;
import io.sentinel.detect.Param;
import io.sentinel.detect.Severity;
import io.sentinel.detect.Settings;
import io.sentinel.detect.state.AlertHandle;
import io.sentinel.detect.state.LongLruTable;
import io.sentinel.wifi.Frame;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Radio jamming and interference: per channel, one-second buckets of frames, retries and frames
 * the radio flagged with a bad FCS. Alerts on a sustained surge of bad-FCS frames, a sustained
 * surge of retries over the channel's own baseline, or a channel that carried steady traffic
 * falling silent (the last only for a fixed-channel capture: a hopping sensor leaves channels
 * silent by design).
 */
public final class JammingDetector implements Detector {

    public static final DetectorSpec SPEC = new DetectorSpec(
            "jamming", List.of("jamming"), Set.of(),
            List.of(Param.count("min_frames", 20, "frames in a one-second bucket before its shares are judged"),
                    Param.ratio("bad_fcs_share", 0.5, "share of bad-FCS frames in a bucket that counts as jammed"),
                    Param.ratio("retry_share", 0.5, "share of retried frames in a bucket that counts as jammed"),
                    Param.ratio("baseline_retry_max", 0.25, "the retry surge only counts on channels whose baseline retry share is below this"),
                    Param.count("confirm_buckets", 3, "consecutive jammed buckets before alerting"),
                    Param.seconds("silence_s", 3, "a silence this long on a busy fixed channel is suspicious"),
                    Param.ratio("silence_min_rate", 20, "baseline frames/s a channel needs before silence counts"),
                    Param.count("baseline_buckets", 10, "buckets of history before the baseline is trusted")),
            "high",
            Mitre.of(Mitre.NETWORK_DOS),
            "Per-channel frame, retry and bad-FCS rates against the channel's own baseline.")
            .limits(AlertPolicy.of("jamming").by(AlertPolicy.Group.FINDING));

    private static final long BUCKET = 1_000_000_000L;

    private final int minFrames, confirm, baselineBuckets;
    private final double badShare, retryShare, baselineRetryMax, silenceMinRate;
    private final long silence;
    private final LongLruTable<Channel> channels = new LongLruTable<>(512);
    private int firstChannel = -1;
    private boolean multiChannel;

    private static final class Channel {
        long bucketStart = Long.MIN_VALUE, lastFrame;
        int frames, retries, bad;
        double rate, retryRate;
        int history, badRun, retryRun;
        final AlertHandle alert = new AlertHandle();
    }

    public JammingDetector(Settings s) {
        minFrames = s.count("min_frames");
        badShare = s.real("bad_fcs_share");
        retryShare = s.real("retry_share");
        baselineRetryMax = s.real("baseline_retry_max");
        confirm = Math.max(1, s.count("confirm_buckets"));
        silence = s.nanos("silence_s");
        silenceMinRate = s.real("silence_min_rate");
        baselineBuckets = s.count("baseline_buckets");
    }

    @Override
    public DetectorSpec spec() { return SPEC; }

    @Override
    public void onFrame(Frame f, long now, Findings out) {
        int ch = f.channel();
        if (ch <= 0) return;
        if (firstChannel < 0) firstChannel = ch;
        else if (ch != firstChannel) multiChannel = true;
        Channel c = channels.touchOrCreate(ch, now, k -> new Channel());
        if (c.bucketStart == Long.MIN_VALUE) {
            c.bucketStart = now;
            c.lastFrame = now;
        }
        if (now - c.bucketStart >= BUCKET) {
            closeBucket(c, ch, now, out);
            long gap = now - c.lastFrame;
            if (gap >= silence && !multiChannel && c.history >= baselineBuckets && c.rate >= silenceMinRate) {
                raise(c, ch, now, out, "SILENCE", c.lastFrame, 1, String.format(Locale.ROOT,
                        "Channel %d went silent for %.1f s after carrying %.0f frames/s.", ch, gap / 1e9, c.rate), gap);
            }
            c.bucketStart = now;
            c.frames = c.retries = c.bad = 0;
        }
        c.frames++;
        if (f.retry()) c.retries++;
        if (f.radio().badFcs()) c.bad++;
        c.lastFrame = now;
    }

    private void closeBucket(Channel c, int ch, long now, Findings out) {
        if (c.frames < minFrames) {
            c.badRun = 0;
            c.retryRun = 0;
            if (c.history >= baselineBuckets) c.rate = c.rate * 0.8 + c.frames * 0.2;
            return;
        }
        double bad = (double) c.bad / c.frames, retry = (double) c.retries / c.frames;
        c.badRun = bad >= badShare ? c.badRun + 1 : 0;
        boolean retrySurge = retry >= retryShare && c.history >= baselineBuckets && c.retryRate < baselineRetryMax;
        c.retryRun = retrySurge ? c.retryRun + 1 : 0;
        if (c.badRun == 0 && c.retryRun == 0) {
            // only ordinary buckets feed the baseline
            c.rate = c.history == 0 ? c.frames : c.rate * 0.8 + c.frames * 0.2;
            c.retryRate = c.history == 0 ? retry : c.retryRate * 0.8 + retry * 0.2;
            c.history++;
        }
        if (c.badRun >= confirm) {
            raise(c, ch, now, out, "BAD_FCS_SURGE", now - (long) confirm * BUCKET, c.bad, String.format(Locale.ROOT,
                    "Channel %d: %.0f%% of frames arrive corrupted (bad FCS) for %d s in a row.", ch, bad * 100, c.badRun), 0);
        } else if (c.retryRun >= confirm) {
            raise(c, ch, now, out, "RETRY_SURGE", now - (long) confirm * BUCKET, c.retries, String.format(Locale.ROOT,
                    "Channel %d: %.0f%% of frames are retries (baseline %.0f%%) for %d s in a row.", ch, retry * 100,
                    c.retryRate * 100, c.retryRun), 0);
        }
    }

    private void raise(Channel c, int ch, long now, Findings out, String reason, long since, long frames, String summary, long gap) {
        if (c.alert.grow(out, now, frames, 64)) return;
        boolean refresh = c.alert.isOpen();
        Finding x = Finding.of("jamming", now).since(refresh ? now : since).frames(Math.max(1, frames)).channel(ch)
                .key("channel " + ch).mitre(SPEC.mitre()).reason(reason).severity(Severity.HIGH)
                .confidence(reason.equals("SILENCE") ? 0.6 : 0.8)
                .evidence("baseline_frames_per_s", c.rate)
                .evidence("baseline_retry_share", c.retryRate)
                .evidence("bucket_frames", c.frames)
                .evidence("bucket_retries", c.retries)
                .evidence("bucket_bad_fcs", c.bad)
                .summary(summary);
        if (gap > 0) x.evidence("silence_s", gap / 1e9);
        c.alert.report(out, x);
    }

    @Override
    public void onTick(long now, Findings out) { channels.expire(now - 3600 * BUCKET); }

    @Override
    public long stateSize() { return channels.size(); }
}
