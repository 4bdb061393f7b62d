package org.timesmith.analysis.windows;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.timesmith.analysis.AnalysisContext;
import org.timesmith.analysis.AnalysisResult;
import org.timesmith.analysis.Analyzer;
import org.timesmith.analysis.AnalyzerOutcome;
import org.timesmith.analysis.EventValues;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStream;

/**
 * Timesketch's {@code evtx_gap}: cleared or tampered event logs leave holes, so this looks for
 * record numbers missing between a log file's lowest and highest, and for days without records
 * (and "rare" days below the 25th percentile of records per day) between the first and last day.
 * What it finds goes into a story ("EVTX Gap Analysis") with a saved top-sources aggregation, and
 * into the result's counts. Unlike Timesketch, record numbers are compared per log file
 * ({@code filename}, else {@code display_name}), since Windows numbers the records of a file, not
 * of a source: per source (Timesketch's way) every other source's records look missing. And either
 * kind of gap is reported (Timesketch writes its story only when both are present). Memory: one
 * long per record (the record numbers), a counter per day.
 */
public final class EvtxGapAnalyzer implements Analyzer {

    private static final int MAX_RANGES_LISTED = 50;

    /** A growable array of one source's record numbers. */
    private static final class Records {
        long[] values = new long[64];
        int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        /** The missing numbers between the lowest and highest, as inclusive ranges. */
        List<long[]> missing() {
            long[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            List<long[]> ranges = new ArrayList<>();
            for (int i = 1; i < sorted.length; i++) {
                if (sorted[i] > sorted[i - 1] + 1) {
                    ranges.add(new long[] {sorted[i - 1] + 1, sorted[i] - 1});
                }
            }
            return ranges;
        }
    }

    @Override
    public String name() {
        return "evtx_gap";
    }

    @Override
    public String displayName() {
        return "EVTX gap";
    }

    @Override
    public String description() {
        return "Detect gaps in EVTX logs: missing record numbers and days without records";
    }

    @Override
    public AnalyzerOutcome run(AnalysisContext context) {
        Map<String, Records> files = new TreeMap<>();
        java.util.Set<String> sources = new java.util.HashSet<>();
        TreeMap<LocalDate, Long> perDay = new TreeMap<>();
        long entries = 0;
        try (EventStream events = context.stream("data_type:\"windows:evtx:record\"",
                List.of("timestamp", "record_number", "source_name", "filename", "display_name"))) {
            while (events.hasNext()) {
                StoredEvent event = events.next();
                entries++;
                sources.add(EventValues.text(event.source().get("source_name")).orElse("(no source)"));
                perDay.merge(LocalDate.ofInstant(Instant.ofEpochSecond(Math.floorDiv(event.timestamp(), 1_000_000L)), ZoneOffset.UTC),
                        1L, Long::sum);
                var record = EventValues.number(event.source().get("record_number"));
                if (record.isPresent()) {
                    files.computeIfAbsent(logFile(event), f -> new Records()).add(record.getAsLong());
                }
            }
        }
        if (entries == 0) {
            return AnalyzerOutcome.noFindings("No EVTX events discovered.").count("records", 0);
        }
        Map<String, List<long[]>> recordGaps = new TreeMap<>();
        long missingRecords = 0;
        for (Map.Entry<String, Records> file : files.entrySet()) {
            List<long[]> missing = file.getValue().missing();
            if (!missing.isEmpty()) {
                recordGaps.put(file.getKey(), missing);
                missingRecords += missing.stream().mapToLong(r -> r[1] - r[0] + 1).sum();
            }
        }
        List<LocalDate> missingDays = new ArrayList<>();
        LocalDate first = perDay.firstKey();
        LocalDate last = perDay.lastKey();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            if (!perDay.containsKey(day)) {
                missingDays.add(day);
            }
        }
        double quarter = percentile25(perDay.values().stream().mapToLong(Long::longValue).sorted().toArray());
        List<String> rareDays = perDay.entrySet().stream().filter(e -> e.getValue() < quarter)
                .map(e -> " + Day " + e.getKey() + " only had " + e.getValue() + " entries").toList();
        AnalyzerOutcome counts = AnalyzerOutcome.success("").count("records", entries).count("sources", sources.size())
                .count("log_files", files.size()).count("log_files_with_gaps", recordGaps.size()).count("missing_records", missingRecords)
                .count("missing_days", missingDays.size()).count("rare_days", rareDays.size());
        if (recordGaps.isEmpty() && missingDays.isEmpty()) {
            return new AnalyzerOutcome(AnalysisResult.Status.NO_FINDINGS, counts.priority(),
                    "No gaps were identified in the EVTX logs, that is not to say there aren't any gaps, just that these tests "
                            + "weren't able to find ones.", counts.counts(), List.of());
        }
        context.addAggregation("Top EVTX Sources", "field_bucket",
                Map.of("field", "source_name", "query_string", "data_type:\"windows:evtx:record\"", "supported_charts", "hbarchart"),
                "hbarchart");
        context.addStory("EVTX Gap Analysis", story(first, last, entries, sources.size(), missingDays, rareDays, quarter, recordGaps));
        return new AnalyzerOutcome(counts.status(), counts.priority(), "Gaps were detected in the EVTX records: " + missingRecords
                + " missing record numbers in " + recordGaps.size() + " log files, " + missingDays.size() + " days without records",
                counts.counts(), List.of());
    }

    private static List<String> story(LocalDate first, LocalDate last, long entries, int sources, List<LocalDate> missingDays,
                                      List<String> rareDays, double quarter, Map<String, List<long[]>> recordGaps) {
        List<String> blocks = new ArrayList<>();
        blocks.add("This story is the result of the EVTX gap analyzer. It looks for record numbers missing from each log "
                + "file and for days without records. Either can mean that logs were cleared, or something else; it "
                + "warrants a second look. Finding nothing does not prove the logs are complete.");
        blocks.add("Overview:\n\n + First day of logs: " + first + "\n + Last day of logs: " + last + "\n + Number of entries: "
                + entries + "\n + Number of unique log sources: " + sources);
        List<String> days = new ArrayList<>();
        missingDays.forEach(d -> days.add(" + Missing logs from **" + d + "**"));
        days.addAll(rareDays);
        days.add("\n**\"Rare days\" had fewer than " + (long) quarter + " records, the 25th percentile of records per day.**");
        blocks.add("## Event Frequency Analysis\n\n" + String.join("\n", days));
        if (!recordGaps.isEmpty()) {
            List<String> lines = new ArrayList<>();
            recordGaps.forEach((source, ranges) -> {
                lines.add("  + Log file: **" + source + "**");
                ranges.stream().limit(MAX_RANGES_LISTED).forEach(r -> lines.add(r[0] == r[1]
                        ? "    - Record number " + r[0] + " is missing"
                        : "    - Records from number " + r[0] + " up to " + r[1] + " are missing"));
                if (ranges.size() > MAX_RANGES_LISTED) {
                    lines.add("    - and " + (ranges.size() - MAX_RANGES_LISTED) + " more gaps");
                }
            });
            blocks.add("## Event Record Number Analysis\n\n" + String.join("\n", lines));
        }
        return blocks;
    }

    private static String logFile(StoredEvent event) {
        return EventValues.text(event.source().get("filename")).or(() -> EventValues.text(event.source().get("display_name")))
                .orElse("(unknown log file)");
    }

    /** The 25th percentile with linear interpolation (numpy's default, as Timesketch computes it). */
    static double percentile25(long[] sorted) {
        double position = 0.25 * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
