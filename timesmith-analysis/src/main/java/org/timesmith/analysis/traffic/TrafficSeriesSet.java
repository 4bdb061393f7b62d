package org.timesmith.analysis.traffic;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Every series built from one stream of events, the days with slots in which nothing was seen, and
 * the input accounting: {@code read = accepted + skipped + rejected}, with the first rejections.
 */
public record TrafficSeriesSet(TrafficConfig config, List<TrafficSeries> series, List<IncompleteDay> incompleteDays,
                               InputCounts counts, List<EventRejection> firstRejections,
                               Optional<Long> firstMicros, Optional<Long> lastMicros) {

    public TrafficSeriesSet {
        series = List.copyOf(series);
        incompleteDays = List.copyOf(incompleteDays);
        firstRejections = List.copyOf(firstRejections);
    }

    public Optional<TrafficSeries> find(SeriesKey key, TrafficMetric metric) {
        return series.stream().filter(s -> s.key().equals(key) && s.metric() == metric).findFirst();
    }

    public List<SeriesKey> keys() {
        return series.stream().map(TrafficSeries::key).distinct().sorted().toList();
    }

    /** A day with slots (wall-clock, 0-based) in which no connection at all was seen. */
    public record IncompleteDay(LocalDate day, List<Integer> missingSlots) {
        public IncompleteDay {
            missingSlots = List.copyOf(missingSlots);
        }
    }

    public record InputCounts(long read, long accepted, long skipped, long rejected) {
    }

    /** A broken event: its 1-based position in the stream, the field and the reason. */
    public record EventRejection(long eventNumber, String field, String reason) {
        @Override
        public String toString() {
            return "event " + eventNumber + ": field " + field + ": " + reason;
        }
    }
}
