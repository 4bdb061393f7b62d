package org.timesmith.analysis.auth;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.timesmith.analysis.EventRef;
import org.timesmith.analysis.EventValues;
import org.timesmith.analysis.windows.EvtxEventData;
import org.timesmith.core.search.StoredEvent;

/**
 * Windows logon brute force (Timesketch's {@code WindowsBruteForceAnalyser}): Security log logons
 * (4624), failed logons (4625) and logoffs (4634) of the interactive, network and remote-desktop
 * logon types (2, 3, 10); a successful logon preceded by at least 20 failures from the same address
 * in the hour before, with at most two successes in that hour, is brute force. Its logon and logoff
 * events (by logon id) are tagged {@code windows_bruteforce} and starred. Values come from the
 * extracted fields when present, else from the record's {@code EventData}.
 */
public final class WindowsBruteForceAnalyzer extends BruteForceAnalyzer {

    private static final Set<Long> LOGON_TYPES = Set.of(2L, 3L, 10L);

    public WindowsBruteForceAnalyzer() {
        super(new BruteForceDetector.Options(3600, 20, 2, 30));
    }

    @Override
    public String name() {
        return "windows_bruteforce";
    }

    @Override
    public String displayName() {
        return "Windows login brute force";
    }

    @Override
    public String description() {
        return "Successful Windows logons after many failed ones from the same address (Security log 4624, 4625, 4634)";
    }

    @Override
    String query() {
        return "source_name:\"Microsoft-Windows-Security-Auditing\" AND event_identifier:(4624 OR 4625 OR 4634)";
    }

    @Override
    List<String> fields() {
        return List.of("timestamp", "event_identifier", "xml_string", "username", "ip_address", "logon_id", "logon_type");
    }

    @Override
    String tag() {
        return "windows_bruteforce";
    }

    @Override
    String question() {
        return "Was there a successful brute-force logon to Windows?";
    }

    @Override
    boolean annotates(StoredEvent event) {
        long id = EventValues.number(event.source().get("event_identifier")).orElse(0);
        return id == 4624 || id == 4634;
    }

    @Override
    Optional<AuthEvent> parse(StoredEvent event) {
        long id = EventValues.number(event.source().get("event_identifier")).orElse(0);
        String logonId = value(event, "logon_id", "TargetLogonId");
        if (id == 4634) {
            return Optional.of(new AuthEvent(EventRef.of(event), event.timestamp() / 1_000_000L, "", "", logonId,
                    AuthEvent.Kind.DISCONNECT));
        }
        long logonType = EventValues.number(value(event, "logon_type", "LogonType")).orElse(0);
        if ((id != 4624 && id != 4625) || !LOGON_TYPES.contains(logonType)) {
            return Optional.empty();
        }
        return Optional.of(new AuthEvent(EventRef.of(event), event.timestamp() / 1_000_000L,
                value(event, "ip_address", "IpAddress"), value(event, "username", "TargetUserName"), logonId,
                id == 4624 ? AuthEvent.Kind.SUCCESS : AuthEvent.Kind.FAILURE));
    }

    private static String value(StoredEvent event, String field, String eventData) {
        return EventValues.text(event.source().get(field)).or(() -> EvtxEventData.value(event, eventData)).orElse("");
    }
}
