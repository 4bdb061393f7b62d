package org.timesmith.analysis.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.timesmith.analysis.AnalysisContext;
import org.timesmith.analysis.Analyzer;
import org.timesmith.analysis.AnalyzerOutcome;
import org.timesmith.analysis.AttributeBatch;
import org.timesmith.analysis.EventRef;
import org.timesmith.analysis.EventValues;
import org.timesmith.analysis.windows.EvtxEventData;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStream;

/**
 * Timesketch's {@code login} analyzer: Windows logon (4624) and logoff (4634, 4647) records get
 * their parts as attributes ({@code username}, {@code logon_type} by name, {@code source_address},
 * {@code workstation}, {@code session_id} …, Timesketch's names) and the tags {@code logon-event} /
 * {@code logoff-event}, so logons can be searched and charted by user, type and source. The parts
 * are read from plaso's {@code strings} list by position as Timesketch does, or by name from the
 * record's {@code EventData} when an importer kept only the XML. Records too short to be a logon
 * are counted and skipped. Unlike Timesketch, an event that a sessionizer already gave a
 * {@code session_id} object keeps it (the logon id is then not written over it).
 */
public final class LoginAnalyzer implements Analyzer {

    private static final Map<String, String> LOGON_TYPES = Map.ofEntries(Map.entry("0", "Unknown"),
            Map.entry("2", "Interactive"), Map.entry("3", "Network"), Map.entry("4", "Batch"), Map.entry("5", "Service"),
            Map.entry("7", "Unlock"), Map.entry("8", "NetworkCleartext"), Map.entry("9", "NewCredentials"),
            Map.entry("10", "RemoteInteractive"), Map.entry("11", "CachedInteractive"));

    @Override
    public String name() {
        return "login";
    }

    @Override
    public String displayName() {
        return "Windows logon/logoff events";
    }

    @Override
    public String description() {
        return "Mark Windows logon and logoff events and add user, logon type and source as attributes";
    }

    /** The record's strings: plaso's list by position, or the EventData value of the same meaning. */
    private record Parts(StoredEvent event, List<?> strings) {
        Optional<String> get(int index, String name) {
            if (strings != null) {
                return index < strings.size() ? EventValues.text(strings.get(index)) : Optional.empty();
            }
            return EvtxEventData.value(event, name).flatMap(EventValues::text);
        }

        boolean atLeast(int size) {
            return strings == null ? event.source().get("xml_string") instanceof String : strings.size() >= size;
        }
    }

    @Override
    public AnalyzerOutcome run(AnalysisContext context) {
        AttributeBatch batch = new AttributeBatch(context);
        List<EventRef> logons = new ArrayList<>();
        List<EventRef> logoffs = new ArrayList<>();
        long skipped = 0;
        try (EventStream events = context.stream("data_type:\"windows:evtx:record\" AND event_identifier:(4624 OR 4778 OR 4779 OR 4634 OR 4647)",
                List.of("event_identifier", "strings", "xml_string", "session_id"))) {
            while (events.hasNext()) {
                StoredEvent event = events.next();
                long id = EventValues.number(event.source().get("event_identifier")).orElse(0);
                Parts parts = new Parts(event, event.source().get("strings") instanceof List<?> l ? l : null);
                Map<String, Object> attributes = id == 4624 ? logon(parts) : id == 4634 || id == 4647 ? logoff(parts) : null;
                if (attributes == null) {
                    continue;
                }
                if (attributes.isEmpty()) {
                    skipped++;
                    continue;
                }
                if (event.source().get("session_id") instanceof Map<?, ?>) {
                    attributes.remove("session_id");
                }
                batch.add(EventRef.of(event), attributes);
                (id == 4624 ? logons : logoffs).add(EventRef.of(event));
            }
        }
        batch.flush();
        context.tag(logons, List.of("logon-event"));
        context.tag(logoffs, List.of("logoff-event"));
        if (skipped > 0) {
            context.log(skipped + " logon/logoff records had too few strings to read and were skipped");
        }
        String summary = "Total number of login events processed: " + logons.size() + " and logoff events: " + logoffs.size();
        return (logons.isEmpty() && logoffs.isEmpty() ? AnalyzerOutcome.noFindings(summary) : AnalyzerOutcome.success(summary))
                .count("logon_events", logons.size()).count("logoff_events", logoffs.size()).count("records_skipped", skipped);
    }

    private static Map<String, Object> logon(Parts parts) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        if (!parts.atLeast(20)) {
            return attributes;
        }
        attributes.put("logon_type", logonType(parts.get(8, "LogonType")));
        parts.get(2, "SubjectDomainName").ifPresent(v -> attributes.put("windows_domain", v));
        parts.get(5, "TargetUserName").ifPresent(v -> attributes.put("username", v));
        parts.get(4, "TargetUserSid").ifPresent(v -> attributes.put("user_id", v));
        parts.get(9, "LogonProcessName").ifPresent(v -> attributes.put("logon_process", v));
        parts.get(11, "WorkstationName").ifPresent(v -> attributes.put("workstation", v.equals("-") ? "localhost" : v));
        parts.get(18, "IpAddress").filter(v -> !v.equals("-")).ifPresent(v -> attributes.put("source_address", v));
        attributes.put("hostname", "N/A");
        parts.get(3, "SubjectLogonId").ifPresent(v -> attributes.put("session_id", v));
        parts.get(1, "SubjectUserName").ifPresent(v -> attributes.put("source_username", v));
        return attributes;
    }

    private static Map<String, Object> logoff(Parts parts) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        boolean fiveStrings = parts.strings() == null ? parts.atLeast(5) : parts.strings().size() == 5;
        if (!fiveStrings) {
            return attributes;
        }
        parts.get(1, "TargetUserName").ifPresent(v -> attributes.put("username", v));
        parts.get(2, "TargetDomainName").ifPresent(v -> attributes.put("logon_domain", v));
        parts.get(3, "TargetLogonId").ifPresent(v -> attributes.put("session_id", v));
        attributes.put("logon_type", logonType(parts.get(4, "LogonType")));
        return attributes;
    }

    private static String logonType(Optional<String> code) {
        return logonTypeName(code.orElse("0"));
    }

    /** The name Windows gives a logon type code ({@code 3} → {@code Network}); unknown codes are {@code Unknown}. */
    public static String logonTypeName(String code) {
        return LOGON_TYPES.getOrDefault(code.trim(), LOGON_TYPES.get("0"));
    }
}
