package org.timesmith.analysis.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.timesmith.analysis.AnalysisContext;
import org.timesmith.analysis.Analyzer;
import org.timesmith.analysis.AnalyzerOutcome;
import org.timesmith.analysis.AttributeBatch;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStream;

/**
 * Timesketch's {@code dest_psexec_sessionizer} (a sequence sessionizer): on the machine PsExec
 * reached, the service installation event followed by the prefetch execution of
 * {@code PSEXESVC.EXE} marks a remote execution. The two events and every PsExec-related event
 * between them form a session ({@code session_id.psexec_dest}, numbered from 1); a gap of more than
 * five minutes abandons a half-seen sequence.
 */
public final class DestPsexecSessionizer implements Analyzer {

    static final String SESSION_TYPE = "psexec_dest";
    private static final long GAP_MICROS = 300_000_000L;
    /** Each step: field → text the field must contain. */
    private static final List<Map<String, String>> SEQUENCE = List.of(
            Map.of("data_type", "windows:evtx:record", "message", "A service was installed in the system."),
            Map.of("data_type", "windows:prefetch:execution", "executable", "PSEXESVC.EXE"));

    @Override
    public String name() {
        return "dest_psexec_sessionizer";
    }

    @Override
    public String displayName() {
        return "PsExec destination sessions";
    }

    @Override
    public String description() {
        return "Sessions of PsExec remote execution on the destination machine: service installed, then PSEXESVC.EXE run";
    }

    @Override
    public AnalyzerOutcome run(AnalysisContext context) {
        AttributeBatch batch = new AttributeBatch(context);
        List<StoredEvent> recorded = new ArrayList<>();
        int step = 0;
        long sessions = 0;
        long last = Long.MIN_VALUE;
        try (EventStream events = context.stream("PSEXEC OR PSEXESVC OR PSEXESVC.EXE",
                List.of("timestamp", "data_type", "message", "executable", SessionIds.FIELD))) {
            while (events.hasNext()) {
                StoredEvent event = events.next();
                if (!recorded.isEmpty() && event.timestamp() - last > GAP_MICROS) {
                    recorded.clear();
                    step = 0;
                }
                last = event.timestamp();
                if (matches(event, SEQUENCE.get(step))) {
                    recorded.add(event);
                    if (++step == SEQUENCE.size()) {
                        sessions++;
                        for (StoredEvent member : recorded) {
                            SessionIds.annotate(batch, member, SESSION_TYPE, sessions);
                        }
                        recorded.clear();
                        step = 0;
                    }
                } else if (!recorded.isEmpty()) {
                    recorded.add(event);
                }
            }
        }
        batch.flush();
        if (sessions == 0) {
            return AnalyzerOutcome.noFindings("No PsExec sessions found").count("sessions", 0);
        }
        context.addSavedSearch("Session view", SessionIds.query(SESSION_TYPE), "added by " + name());
        return AnalyzerOutcome.success("Sessionizing completed, number of " + SESSION_TYPE + " sessions created: " + sessions)
                .count("sessions", sessions).count("events_in_sessions", batch.added());
    }

    private static boolean matches(StoredEvent event, Map<String, String> step) {
        return step.entrySet().stream().allMatch(e -> event.source().get(e.getKey()) instanceof String value
                && value.contains(e.getValue()));
    }
}
