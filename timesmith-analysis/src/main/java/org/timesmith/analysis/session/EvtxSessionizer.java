package org.timesmith.analysis.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.timesmith.analysis.AnalysisContext;
import org.timesmith.analysis.Analyzer;
import org.timesmith.analysis.AnalyzerOutcome;
import org.timesmith.analysis.AttributeBatch;
import org.timesmith.analysis.EventValues;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStream;

/**
 * Timesketch's Windows EVTX sessionizers: a start event (a logon, an unlock) opens a session named
 * {@code "<n> (<account>)"} under its logon id; the end event with the same logon id closes it; any
 * other matching event (a system start, 6005) closes every open session. Start, end and closing
 * events get the session names in {@code session_id.<type>} as a list, as Timesketch writes them.
 * The same record seen twice in a row (duplicated by plaso's timestamps) is processed once.
 */
abstract class EvtxSessionizer implements Analyzer {

    private static final int RECENT_RECORDS = 5;

    private final String sessionType;
    private final Set<Long> startEvents;
    private final Set<Long> endEvents;
    private final String query;

    EvtxSessionizer(String sessionType, Set<Long> startEvents, Set<Long> endEvents, List<Long> queried) {
        this.sessionType = sessionType;
        this.startEvents = startEvents;
        this.endEvents = endEvents;
        this.query = "data_type:\"windows:evtx:record\" AND event_identifier:("
                + String.join(" OR ", queried.stream().map(String::valueOf).toList()) + ")";
    }

    /** The logon id the event names (which EventData field depends on the event id). */
    abstract Optional<String> logonId(StoredEvent event, long eventId);

    /** The account of a start event. */
    abstract Optional<String> account(StoredEvent event, long eventId);

    @Override
    public AnalyzerOutcome run(AnalysisContext context) {
        Map<String, String> open = new LinkedHashMap<>();
        Deque<Long> recentRecords = new ArrayDeque<>();
        AttributeBatch batch = new AttributeBatch(context);
        long sessions = 0;
        long unreadable = 0;
        try (EventStream events = context.stream(query,
                List.of("timestamp", "xml_string", "event_identifier", "record_number", SessionIds.FIELD))) {
            while (events.hasNext()) {
                StoredEvent event = events.next();
                if (seenRecently(recentRecords, event)) {
                    continue;
                }
                long eventId = EventValues.number(event.source().get("event_identifier")).orElse(-1);
                if (startEvents.contains(eventId) || endEvents.contains(eventId)) {
                    Optional<String> logonId = logonId(event, eventId);
                    if (logonId.isEmpty()) {
                        unreadable++;
                    } else if (startEvents.contains(eventId)) {
                        String session = sessions++ + " (" + account(event, eventId).orElse("unknown") + ")";
                        open.put(logonId.get(), session);
                        SessionIds.annotate(batch, event, sessionType, List.of(session));
                    } else if (open.containsKey(logonId.get())) {
                        SessionIds.annotate(batch, event, sessionType, List.of(open.remove(logonId.get())));
                    }
                } else if (!open.isEmpty()) {
                    SessionIds.annotate(batch, event, sessionType, new ArrayList<>(open.values()));
                    open.clear();
                }
            }
        }
        batch.flush();
        if (unreadable > 0) {
            context.log(unreadable + " events without the logon id in their xml_string were skipped");
        }
        if (sessions == 0) {
            return AnalyzerOutcome.noFindings("No " + sessionType + " sessions found").count("sessions", 0)
                    .count("events_skipped", unreadable);
        }
        context.addSavedSearch("Sessions: " + sessionType, SessionIds.query(sessionType), "added by " + name());
        return AnalyzerOutcome.success("Sessionizing completed, number of sessions created: " + sessions)
                .count("sessions", sessions).count("events_in_sessions", batch.added())
                .count("sessions_left_open", open.size()).count("events_skipped", unreadable);
    }

    private static boolean seenRecently(Deque<Long> recent, StoredEvent event) {
        var record = EventValues.number(event.source().get("record_number"));
        if (record.isEmpty()) {
            return false;
        }
        if (recent.contains(record.getAsLong())) {
            return true;
        }
        recent.addLast(record.getAsLong());
        if (recent.size() > RECENT_RECORDS) {
            recent.removeFirst();
        }
        return false;
    }
}
