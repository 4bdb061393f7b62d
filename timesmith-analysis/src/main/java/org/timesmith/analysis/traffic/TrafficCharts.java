package org.timesmith.analysis.traffic;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.timesmith.analysis.traffic.TrafficChart.Canvas;
import org.timesmith.analysis.traffic.TrafficChart.Line;
import org.timesmith.analysis.traffic.TrafficChart.Rect;
import org.timesmith.analysis.traffic.TrafficChart.Text;

/**
 * The charts of a traffic report: for the series with the highest-scoring anomalous days, each
 * day's curve over the slots (anomalous days in red over the others in grey-blue) and the clusters
 * of the days over the calendar; the elbow plot that chose k for the first of them; and the ranked
 * beacons. Chart names are file-name safe ({@code curves-http-internal-external-connections}).
 */
public final class TrafficCharts {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 360;
    private static final String NORMAL = "#4c78a8";
    private static final String ANOMALY = "#d62728";
    private static final String[] PALETTE = {"#4c78a8", "#f58518", "#54a24b", "#b279a2", "#eeca3b", "#9d755d",
        "#72b7b2", "#ff9da6", "#bab0ac", "#e45756"};

    private TrafficCharts() {
    }

    /**
     * The charts for all connections (the {@code total/all} series) and then the series whose
     * anomalous days score highest, {@code maxSeries} in all.
     */
    public static List<TrafficChart> of(TrafficReport report, int maxSeries) {
        Map<String, SeriesAnalysis> chosen = new LinkedHashMap<>();
        report.analyses().stream().filter(a -> a.key().equals(new SeriesKey(SeriesKey.TOTAL, Direction.ALL))
                && a.metric() == TrafficMetric.CONNECTIONS).findFirst()
                .ifPresent(a -> chosen.put(a.key() + "/" + a.metric(), a));
        for (DayAnomaly day : report.anomalousDays()) {
            report.analyses().stream().filter(a -> a.key().equals(day.key()) && a.metric() == day.metric()).findFirst()
                    .ifPresent(a -> chosen.putIfAbsent(a.key() + "/" + a.metric(), a));
        }
        List<TrafficChart> charts = new ArrayList<>();
        for (SeriesAnalysis analysis : chosen.values().stream().limit(maxSeries).toList()) {
            Set<LocalDate> anomalous = report.anomalousDays().stream()
                    .filter(d -> d.key().equals(analysis.key()) && d.metric() == analysis.metric())
                    .map(DayAnomaly::day).collect(Collectors.toSet());
            report.series().find(analysis.key(), analysis.metric())
                    .ifPresent(series -> charts.add(dailyCurves(series, anomalous)));
            charts.add(calendar(analysis));
        }
        chosen.values().stream().findFirst().ifPresent(a -> charts.add(elbow(a)));
        if (!report.beacons().isEmpty()) {
            charts.add(beacons(report.beacons().stream().limit(15).toList()));
        }
        return charts;
    }

    static String slug(SeriesAnalysis analysis) {
        return slug(analysis.key(), analysis.metric());
    }

    private static String slug(SeriesKey key, TrafficMetric metric) {
        return (key + "-" + metric.name()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
    }

    private static String metricName(TrafficMetric metric) {
        return metric.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** One line per day over the slots; anomalous days drawn last, in red, and named. */
    public static TrafficChart dailyCurves(TrafficSeries series, Set<LocalDate> anomalous) {
        double[][] values = series.values();
        int slots = values.length == 0 ? 96 : values[0].length;
        double max = 0;
        for (double[] day : values) {
            for (double v : day) {
                if (!Double.isNaN(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        Canvas canvas = new Canvas(WIDTH, HEIGHT, 0, slots - 1, 0, max);
        String title = series.key() + ": " + metricName(series.metric()) + " per " + series.slotMinutes()
                + "-minute slot, one line per day";
        canvas.title(title);
        List<Double> ticks = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int hour = 0; hour <= 24; hour += 3) {
            ticks.add(Math.min(slots - 1, hour * 60.0 / series.slotMinutes()));
            labels.add(String.format(Locale.ROOT, "%02d:00", hour));
        }
        canvas.axes(ticks, labels, "time of day", metricName(series.metric()));
        List<Integer> order = new ArrayList<>();
        for (int d = 0; d < values.length; d++) {
            order.add(d);
        }
        order.sort(Comparator.comparing(d -> anomalous.contains(series.days().get(d))));
        for (int d : order) {
            boolean odd = anomalous.contains(series.days().get(d));
            // a slot without any value (the sensor saw nothing) breaks the line
            int from = 0;
            while (from < slots) {
                while (from < slots && Double.isNaN(values[d][from])) {
                    from++;
                }
                int to = from;
                while (to < slots && !Double.isNaN(values[d][to])) {
                    to++;
                }
                if (to > from) {
                    double[] xs = new double[to - from];
                    double[] ys = new double[to - from];
                    for (int s = from; s < to; s++) {
                        xs[s - from] = canvas.x(s);
                        ys[s - from] = canvas.y(values[d][s]);
                    }
                    canvas.marks.add(new Line(xs, ys, odd ? ANOMALY : NORMAL, odd ? 2 : 1, odd ? 1 : 0.35));
                }
                from = to;
            }
        }
        List<LocalDate> named = anomalous.stream().sorted().limit(6).toList();
        for (int i = 0; i < named.size(); i++) {
            canvas.marks.add(new Text(canvas.right, canvas.top + 12 + 13 * i, named.get(i).toString(), "end", 11, ANOMALY));
        }
        return new TrafficChart("curves-" + slug(series.key(), series.metric()), title, WIDTH, HEIGHT, canvas.marks);
    }

    /** The days in calendar order as cells coloured by cluster; a rare cluster's days are outlined in red. */
    public static TrafficChart calendar(SeriesAnalysis analysis) {
        List<DayAnomaly> days = analysis.days().stream().sorted(Comparator.comparing(DayAnomaly::day)).toList();
        int height = 150;
        Canvas canvas = new Canvas(WIDTH, height, 0, Math.max(1, days.size()), 0, 1);
        String title = analysis.key() + ": " + metricName(analysis.metric()) + ", k-means clusters of the days (k = "
                + analysis.elbow().k() + ")";
        canvas.title(title);
        double cell = days.isEmpty() ? 0 : (canvas.right - canvas.left) / days.size();
        int step = Math.max(1, (int) Math.ceil(days.size() / 12.0));
        for (int i = 0; i < days.size(); i++) {
            DayAnomaly day = days.get(i);
            double x = canvas.left + i * cell;
            if (day.rareCluster()) {
                canvas.marks.add(new Rect(x, canvas.top, cell, canvas.bottom - canvas.top, ANOMALY));
            }
            double inset = day.rareCluster() ? Math.min(3, cell / 4) : 0;
            canvas.marks.add(new Rect(x + inset, canvas.top + inset, Math.max(1, cell - 1 - 2 * inset),
                    canvas.bottom - canvas.top - 2 * inset, PALETTE[Math.floorMod(day.cluster(), PALETTE.length)]));
            if (i % step == 0) {
                canvas.marks.add(new Text(x + cell / 2, canvas.bottom + 16, day.day().toString().substring(5), "middle", 10,
                        Canvas.AXIS));
            }
        }
        return new TrafficChart("clusters-" + slug(analysis), title, WIDTH, height, canvas.marks);
    }

    /** Within-cluster sum of squares against k, the chosen k marked. */
    public static TrafficChart elbow(SeriesAnalysis analysis) {
        List<Double> wcss = analysis.elbow().wcss();
        double max = wcss.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        Canvas canvas = new Canvas(WIDTH / 2, HEIGHT, 1, Math.max(2, wcss.size()), 0, max);
        String title = "Elbow: k = " + analysis.elbow().k() + " for " + analysis.key();
        canvas.title(title);
        List<Double> ticks = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int k = 1; k <= wcss.size(); k++) {
            ticks.add((double) k);
            labels.add(Integer.toString(k));
        }
        canvas.axes(ticks, labels, "k (clusters)", "within-cluster sum of squares");
        double[] xs = new double[wcss.size()];
        double[] ys = new double[wcss.size()];
        for (int i = 0; i < wcss.size(); i++) {
            xs[i] = canvas.x(i + 1);
            ys[i] = canvas.y(wcss.get(i));
            boolean chosen = i + 1 == analysis.elbow().k();
            canvas.marks.add(new Rect(xs[i] - 3, ys[i] - 3, 6, 6, chosen ? ANOMALY : NORMAL));
        }
        canvas.marks.add(new Line(xs, ys, NORMAL, 2, 1));
        return new TrafficChart("elbow-" + slug(analysis), title, WIDTH / 2, HEIGHT, canvas.marks);
    }

    /** The ranked beacons as bars of their score in [0, 1]. */
    public static TrafficChart beacons(List<Beacon> ranked) {
        int height = 60 + 22 * ranked.size();
        List<TrafficChart.Mark> marks = new ArrayList<>();
        String title = "Beacon scores (RITA-like), highest first";
        marks.add(new Text(16, 22, title, "start", 14, "#222222"));
        double labelWidth = 330;
        double barMax = WIDTH - labelWidth - 170;
        for (int i = 0; i < ranked.size(); i++) {
            Beacon b = ranked.get(i);
            double y = 40 + 22 * i;
            marks.add(new Text(labelWidth - 8, y + 13, b.source() + " → " + b.destination(), "end", 11, "#222222"));
            marks.add(new Rect(labelWidth, y + 2, Math.max(1, barMax * b.score()), 14, b.score() >= 0.8 ? ANOMALY : NORMAL));
            marks.add(new Text(labelWidth + barMax * b.score() + 6, y + 13,
                    String.format(Locale.ROOT, "%.3f (%,d connections)", b.score(), b.connections()), "start", 10, Canvas.AXIS));
        }
        return new TrafficChart("beacons", title, WIDTH, height, marks);
    }
}
