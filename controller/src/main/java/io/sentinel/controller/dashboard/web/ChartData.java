package io.sentinel.controller.dashboard.web;

import io.sentinel.store.SeriesPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The JSON a chart on the page fetches, read by app.js into uPlot: x values (epoch seconds, the
 * start of each bucket), one list of y values per series (null where a series has no point), the
 * bucket width ({@code step}, seconds: the x axis spans the buckets from the first one's start to
 * the last one's end, so a single bucket is drawn one bucket wide, not over years) and each
 * series' colour. Colours are distinct within a chart: severities have their own (the theme's
 * {@code --sev-*} variables), every other series takes the next colour of {@link #PALETTE}, and a
 * chart never has more series than the palette has colours (the smallest are summed as "other").
 */
public record ChartData(List<Long> x, List<Series> series, String yLabel, boolean bars, boolean time, long step) {

    /**
     * One series.
     *
     * @param colour a CSS colour, or {@code var:--name} for a variable of the stylesheet
     */
    public record Series(String label, List<Double> values, String colour) {}

    /** Ten colours that stay apart from each other on light and dark backgrounds. */
    static final List<String> PALETTE = List.of("#4e79a7", "#f28e2b", "#e15759", "#59a14f", "#b07aa1", "#edc948",
            "#76b7b2", "#9c755f", "#ff9da7", "#17becf");
    /** The colour of the "other" series (the smallest series summed). */
    static final String OTHER_COLOUR = "#8c8c8c";
    static final String OTHER = "other";
    private static final List<String> SEVERITIES = List.of("info", "low", "medium", "high", "critical");

    /**
     * Counts per bucket: every bucket from the one holding {@code from} to the one holding
     * {@code to} is present, with 0 where nothing happened, so that quiet hours show as zero rather
     * than as a gap or a stretched axis. Series keep {@code preferredOrder} first, then by size; at
     * most {@link #PALETTE}'s size of them, the smallest summed as "other".
     */
    public static ChartData counts(List<SeriesPoint> points, List<String> preferredOrder, String yLabel, Instant from,
                                   Instant to, Duration step) {
        long s = step.toSeconds();
        List<Long> buckets = new ArrayList<>();
        for (long x = Math.floorDiv(from.getEpochSecond(), s) * s; x <= to.getEpochSecond(); x += s) {
            buckets.add(x);
        }
        return build(points, preferredOrder, yLabel, true, buckets, s);
    }

    /** Values per bucket as lines (a gap where a series has no value), one series per label, ordered by label. */
    public static ChartData lines(List<SeriesPoint> points, String yLabel, Duration step) {
        return build(points, List.of(), yLabel, false, List.of(), step.toSeconds());
    }

    /** @param counts zero where a series has no value, series ordered by size; otherwise gaps, series by label */
    private static ChartData build(List<SeriesPoint> points, List<String> preferredOrder, String yLabel, boolean counts,
                                   List<Long> fixedX, long step) {
        TreeSet<Long> xs = new TreeSet<>(fixedX);
        Map<String, Map<Long, Double>> byLabel = new TreeMap<>();
        Map<String, Double> totals = new HashMap<>();
        for (SeriesPoint p : points) {
            long x = p.bucket().getEpochSecond();
            if (!fixedX.isEmpty() && !xs.contains(x)) {
                continue; // outside the fixed buckets
            }
            xs.add(x);
            byLabel.computeIfAbsent(p.series(), k -> new TreeMap<>()).merge(x, p.value(), Double::sum);
            totals.merge(p.series(), Math.abs(p.value()), Double::sum);
        }
        List<String> labels = new ArrayList<>();
        for (String l : preferredOrder) {
            if (byLabel.containsKey(l)) {
                labels.add(l);
            }
        }
        byLabel.keySet().stream().filter(l -> !labels.contains(l))
                .sorted(counts ? Comparator.comparingDouble((String l) -> -totals.get(l)).thenComparing(l -> l)
                        : Comparator.naturalOrder())
                .forEach(labels::add);
        if (labels.size() > PALETTE.size()) {
            // the smallest series (after the preferred ones) become one "other"
            Map<Long, Double> other = new TreeMap<>();
            for (String l : labels.subList(PALETTE.size() - 1, labels.size())) {
                byLabel.get(l).forEach((x, v) -> other.merge(x, v, Double::sum));
            }
            labels.subList(PALETTE.size() - 1, labels.size()).clear();
            labels.add(OTHER);
            byLabel.put(OTHER, other);
        }
        List<Long> x = new ArrayList<>(xs);
        List<Series> series = new ArrayList<>();
        int next = 0;
        for (String l : labels) {
            Map<Long, Double> values = byLabel.get(l);
            List<Double> ys = new ArrayList<>(x.size());
            for (Long xv : x) {
                ys.add(values.getOrDefault(xv, counts ? 0.0 : null));
            }
            String colour = SEVERITIES.contains(l) ? "var:--sev-" + l : l.equals(OTHER) ? OTHER_COLOUR : PALETTE.get(next++);
            series.add(new Series(l, ys, colour));
        }
        return new ChartData(series.isEmpty() ? List.of() : x, series, yLabel, false, true, step);
    }

    /** The series' labels in order (tests). */
    public List<String> labels() {
        return series.stream().map(Series::label).toList();
    }

    /** Colours by label (tests). */
    public Map<String, String> colours() {
        Map<String, String> m = new LinkedHashMap<>();
        series.forEach(s -> m.put(s.label(), s.colour()));
        return m;
    }
}
