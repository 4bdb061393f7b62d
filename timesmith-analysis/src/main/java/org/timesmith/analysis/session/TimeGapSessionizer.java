package org.timesmith.analysis.session;

import java.util.List;
import java.util.Optional;
import org.timesmith.analysis.AnalysisContext;
import org.timesmith.analysis.Analyzer;
import org.timesmith.analysis.AnalyzerOutcome;
import org.timesmith.analysis.AnalyzerParameter;
import org.timesmith.analysis.AttributeBatch;
import org.timesmith.analysis.Kwargs;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStream;

/**
 * Timesketch's time-gap sessionizer: the events matching a query, oldest first, form sessions that
 * end where two consecutive events lie more than a gap apart; every event gets its session's number
 * (1, 2, …) under the sessionizer's type in {@code session_id}. The subclasses only choose the
 * name, query, type and default gap; the gap can be changed per run ({@code max_time_diff_seconds}).
 */
public abstract class TimeGapSessionizer implements Analyzer {

    static final String GAP_PARAMETER = "max_time_diff_seconds";

    private final String query;
    private final String sessionType;
    private final long defaultGapSeconds;

    protected TimeGapSessionizer(String query, String sessionType, long defaultGapSeconds) {
        this.query = query;
        this.sessionType = sessionType;
        this.defaultGapSeconds = defaultGapSeconds;
    }

    @Override
    public List<AnalyzerParameter> parameters() {
        return List.of(new AnalyzerParameter(GAP_PARAMETER, AnalyzerParameter.Type.NUMBER,
                "Longest time between two events of one session, in seconds", false,
                Optional.of(Long.toString(defaultGapSeconds))));
    }

    @Override
    public AnalyzerOutcome run(AnalysisContext context) {
        long gapMicros = Kwargs.positive(context, GAP_PARAMETER, defaultGapSeconds) * 1_000_000L;
        AttributeBatch batch = new AttributeBatch(context);
        long sessions = 0;
        long longest = 0;
        long current = 0;
        long last = Long.MIN_VALUE;
        try (EventStream events = context.stream(query, SessionIds.FIELDS)) {
            while (events.hasNext()) {
                StoredEvent event = events.next();
                if (sessions == 0 || event.timestamp() - last > gapMicros) {
                    sessions++;
                    current = 0;
                }
                longest = Math.max(longest, ++current);
                last = event.timestamp();
                SessionIds.annotate(batch, event, sessionType, sessions);
            }
        }
        batch.flush();
        if (sessions == 0) {
            return AnalyzerOutcome.noFindings("No events to sessionize").count("sessions", 0);
        }
        context.addSavedSearch("Sessions: " + sessionType, SessionIds.query(sessionType), "added by " + name());
        return AnalyzerOutcome.success("Sessionizing completed, number of " + sessionType + " sessions created: " + sessions)
                .count("sessions", sessions).count("events_in_sessions", batch.added())
                .count("longest_session_events", longest);
    }
}
