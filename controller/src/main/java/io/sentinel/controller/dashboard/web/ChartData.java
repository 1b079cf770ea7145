package io.sentinel.controller.dashboard.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The JSON a chart on the page fetches: x values (epoch seconds when {@code time}) and one
 * list of y values per series, null where a series has no point. Read by app.js into uPlot.
 */
public record ChartData(List<Long> x, List<Series> series, String yLabel, boolean bars, boolean time) {

    public record Series(String label, List<Double> values) {}

    /** Builds aligned series from (x, label, y) points; labels keep the order of {@code preferredOrder} first. */
    public static ChartData fromPoints(List<Point> points, List<String> preferredOrder, String yLabel, boolean bars) {
        return fromPoints(points, preferredOrder, yLabel, bars, List.of());
    }

    /**
     * Counts per bucket: every bucket from {@code from} to {@code to} (epoch seconds, aligned
     * to {@code step}) is present, with 0 where nothing happened, so that quiet hours show as
     * zero rather than as a gap or a stretched axis.
     */
    public static ChartData counts(List<Point> points, List<String> preferredOrder, String yLabel, long from, long to, long step) {
        List<Long> buckets = new ArrayList<>();
        for (long x = from - Math.floorMod(from, step); x <= to; x += step) {
            buckets.add(x);
        }
        return fromPoints(points, preferredOrder, yLabel, true, buckets);
    }

    private static ChartData fromPoints(List<Point> points, List<String> preferredOrder, String yLabel, boolean zeroFill,
                                        List<Long> fixedX) {
        TreeSet<Long> xs = new TreeSet<>(fixedX);
        Map<String, Map<Long, Double>> byLabel = new TreeMap<>();
        for (Point p : points) {
            xs.add(p.x());
            byLabel.computeIfAbsent(p.label(), k -> new TreeMap<>()).put(p.x(), p.y());
        }
        List<String> labels = new ArrayList<>();
        for (String l : preferredOrder) {
            if (byLabel.containsKey(l)) {
                labels.add(l);
            }
        }
        for (String l : byLabel.keySet()) {
            if (!labels.contains(l)) {
                labels.add(l);
            }
        }
        List<Long> x = new ArrayList<>(xs);
        List<Series> series = new ArrayList<>();
        for (String l : labels) {
            Map<Long, Double> values = byLabel.get(l);
            List<Double> ys = new ArrayList<>(x.size());
            for (Long xv : x) {
                ys.add(values.getOrDefault(xv, zeroFill ? 0.0 : null));
            }
            series.add(new Series(l, ys));
        }
        return new ChartData(series.isEmpty() ? List.of() : x, series, yLabel, false, true);
    }

    /** One observation. */
    public record Point(long x, String label, Double y) {}
}
