package org.timesmith.analysis.browser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.timesmith.analysis.AnalysisContext;
import org.timesmith.analysis.Analyzer;
import org.timesmith.analysis.AnalyzerOutcome;
import org.timesmith.analysis.EventRef;
import org.timesmith.analysis.support.Annotations;
import org.timesmith.analysis.support.Emojis;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStream;

/**
 * Timesketch's browser timeframe analyzer: finds the hours (UTC) the browser is usually used
 * ({@link ActiveHours}) and tags the browser history events outside them
 * {@code outside-active-hours}, with {@code activity_summary} (the hour's event count against the
 * threshold), {@code hour_count} and the sleeping-face emoji, and writes a section of the
 * "Browser Artifacts" story. Events are read once: the first pass keeps only the count per hour
 * and, per hour, the references of its events, so nothing is read twice.
 */
public final class BrowserTimeframeAnalyzer implements Analyzer {

    public static final String NAME = "browser_timeframe";
    static final String TAG = "outside-active-hours";
    /** Timestamps outside (1970, 2038) are ignored, as in Timesketch: they are missing or broken times. */
    private static final long LATEST_MICROS = 2_145_916_800_000_000L;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return "Browser timeframe";
    }

    @Override
    public String description() {
        return "Determine user activity hours by finding the frequency of browsing events";
    }

    @Override
    public AnalyzerOutcome run(AnalysisContext context) {
        long[] perHour = new long[24];
        List<List<EventRef>> refs = new ArrayList<>();
        List<List<Object>> emojis = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            refs.add(new ArrayList<>());
            emojis.add(new ArrayList<>());
        }
        long total = 0;
        try (EventStream events = context.stream(BrowserSearchAnalyzer.QUERY, List.of("timestamp", Emojis.FIELD))) {
            while (events.hasNext()) {
                StoredEvent event = events.next();
                long ts = event.timestamp();
                if (ts <= 0 || ts >= LATEST_MICROS) {
                    continue;
                }
                int hour = (int) Math.floorMod(ts / 3_600_000_000L, 24L);
                perHour[hour]++;
                total++;
                refs.get(hour).add(EventRef.of(event));
                emojis.get(hour).add(event.source().get(Emojis.FIELD));
            }
        }
        if (total == 0) {
            return AnalyzerOutcome.noFindings("No browser events discovered.").count("events", 0);
        }
        ActiveHours active = ActiveHours.of(perHour);
        long outside = 0;
        List<String> sleeping = Emojis.codes(List.of("SLEEPING_FACE"));
        Annotations annotations = new Annotations();
        for (int hour = 0; hour < 24; hour++) {
            if (perHour[hour] == 0 || active.hours().contains(hour)) {
                continue;
            }
            outside += perHour[hour];
            annotate(annotations, hour, perHour[hour], active.threshold(), refs.get(hour), emojis.get(hour), sleeping);
        }
        annotations.commit(context);
        if (outside > 0) {
            story(context, active, outside, total);
        }
        return (outside > 0 ? AnalyzerOutcome.success("Tagged " + outside + " out of " + total
                + " events as outside of normal active hours.") : AnalyzerOutcome.noFindings("Tagged 0 out of " + total
                + " events as outside of normal active hours."))
                .count("events", total).count("events_outside_active_hours", outside)
                .count("active_hours", active.hours().size());
    }

    /** Marks one hour's events. */
    private static void annotate(Annotations annotations, int hour, long count, double threshold, List<EventRef> refs,
                                 List<Object> existingEmojis, List<String> sleeping) {
        String summary = String.format(Locale.ROOT,
                "Number of events for this hour (%d): %d, with the threshold value: %.2f", hour, count, threshold);
        for (int i = 0; i < refs.size(); i++) {
            annotations.tag(refs.get(i), List.of(TAG));
            annotations.attributes(refs.get(i), Map.of("activity_summary", summary, "hour_count", count));
            annotations.emojis(refs.get(i), existingEmojis.get(i), sleeping);
        }
    }

    private static void story(AnalysisContext context, ActiveHours active, long outside, long total) {
        List<int[]> runs = ActiveHours.runs(active.hours());
        int first = runs.size() > 1 ? runs.get(1)[0] : runs.get(0)[0];
        int last = runs.size() > 1 ? runs.get(0)[1] : runs.get(0)[1];
        context.addStory(BrowserSearchAnalyzer.STORY, List.of(String.format(Locale.ROOT,
                "## Browser Timeframe Analyzer%n%nThe browser timeframe analyzer discovered %d browser events that"
                        + " occurred outside of the typical browsing window, or around %.2f%% of the %d total events."
                        + "%n%nThe active hours are found from the number of browsing events per hour: the longest"
                        + " block of the most active hours. The hours considered active are between %02d and %02d"
                        + " (UTC); an hour needed %.2f events to count as active.",
                outside, outside * 100.0 / total, total, first, last, active.threshold())));
    }
}
