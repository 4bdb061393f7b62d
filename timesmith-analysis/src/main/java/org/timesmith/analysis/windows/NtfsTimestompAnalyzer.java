package org.timesmith.analysis.windows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.timesmith.analysis.AnalysisContext;
import org.timesmith.analysis.Analyzer;
import org.timesmith.analysis.AnalyzerOutcome;
import org.timesmith.analysis.AnalyzerParameter;
import org.timesmith.analysis.EventRef;
import org.timesmith.analysis.EventValues;
import org.timesmith.analysis.Kwargs;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStream;

/**
 * Timesketch's {@code ntfs_timestomp}: for each file (MFT {@code file_reference}) and kind of
 * time ({@code timestamp_desc}), compares the $STANDARD_INFORMATION time ({@code attribute_type}
 * 16), which tools can set freely, with the $FILE_NAME times (48), which they rarely touch. When
 * every $FILE_NAME time differs from it by more than the threshold (10 minutes by default, a run
 * parameter), the file was likely timestomped: each $FILE_NAME event gets {@code time_delta} (µs)
 * and the $STANDARD_INFORMATION event {@code time_deltas}. Memory holds two ids and times per file
 * and kind of time, not the events.
 */
public final class NtfsTimestompAnalyzer implements Analyzer {

    private static final long STD_INFO = 16;
    private static final long FILE_NAME = 48;

    /** One file's times of one kind: the $SI event and the $FN events. */
    private static final class FileTimes {
        EventRef stdInfo;
        long stdInfoTime;
        final List<EventRef> fileNames = new ArrayList<>();
        final List<Long> fileNameTimes = new ArrayList<>();
    }

    @Override
    public String name() {
        return "ntfs_timestomp";
    }

    @Override
    public String displayName() {
        return "NTFS timestomp detection";
    }

    @Override
    public String description() {
        return "Compares timestamps in NTFS to detect potential timestomp";
    }

    @Override
    public List<AnalyzerParameter> parameters() {
        return List.of(new AnalyzerParameter("threshold_minutes", AnalyzerParameter.Type.NUMBER,
                "Smallest difference between $SI and every $FN time that counts as timestomping", false, Optional.of("10")));
    }

    @Override
    public AnalyzerOutcome run(AnalysisContext context) {
        long threshold = Kwargs.positive(context, "threshold_minutes", 10) * 60_000_000L;
        Map<String, FileTimes> files = new HashMap<>();
        try (EventStream events = context.stream("attribute_type:48 OR attribute_type:16",
                List.of("attribute_type", "timestamp_desc", "file_reference", "timestamp"))) {
            while (events.hasNext()) {
                StoredEvent event = events.next();
                long type = EventValues.number(event.source().get("attribute_type")).orElse(0);
                Optional<String> kind = EventValues.text(event.source().get("timestamp_desc"));
                if (kind.isEmpty() || (type != STD_INFO && type != FILE_NAME)) {
                    continue;
                }
                FileTimes times = files.computeIfAbsent(kind.get() + "&" + event.source().get("file_reference"), k -> new FileTimes());
                if (type == STD_INFO) {
                    times.stdInfo = EventRef.of(event);
                    times.stdInfoTime = event.timestamp();
                } else {
                    times.fileNames.add(EventRef.of(event));
                    times.fileNameTimes.add(event.timestamp());
                }
            }
        }
        long stomped = 0;
        for (FileTimes times : files.values()) {
            if (suspicious(times, threshold)) {
                annotate(context, times);
                stomped++;
            }
        }
        if (stomped == 0) {
            return AnalyzerOutcome.noFindings("NtfsTimestomp Analyzer done, found 0 timestomped events")
                    .count("timestomped", 0).count("files_compared", files.size());
        }
        context.addSavedSearch("NtfsTimestomp", "_exists_:time_delta OR _exists_:time_deltas", "added by " + name());
        return AnalyzerOutcome.success("NtfsTimestomp Analyzer done, found " + stomped + " timestomped events")
                .count("timestomped", stomped).count("files_compared", files.size());
    }

    private static boolean suspicious(FileTimes times, long threshold) {
        return times.stdInfo != null && !times.fileNames.isEmpty()
                && times.fileNameTimes.stream().allMatch(t -> Math.abs(t - times.stdInfoTime) > threshold);
    }

    private static void annotate(AnalysisContext context, FileTimes times) {
        List<Long> deltas = times.fileNameTimes.stream().map(t -> t - times.stdInfoTime).toList();
        for (int i = 0; i < times.fileNames.size(); i++) {
            context.addAttributes(List.of(times.fileNames.get(i)), Map.of("time_delta", deltas.get(i)));
        }
        context.addAttributes(List.of(times.stdInfo), Map.of("time_deltas", deltas));
    }
}
