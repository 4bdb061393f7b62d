package org.timesmith.analysis.session;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.timesmith.analysis.windows.EvtxEventData;
import org.timesmith.core.search.StoredEvent;

/**
 * Timesketch's {@code logon_sessionizer}: a logon (4624) or reconnect (4778) opens a session, a
 * logoff (4634, 4647) or disconnect (4779) with the same logon id closes it, a system start (6005)
 * closes all; {@code session_id.logon_session}.
 */
public final class LogonSessionizer extends EvtxSessionizer {

    public LogonSessionizer() {
        super("logon_session", Set.of(4624L, 4778L), Set.of(4634L, 4647L, 4779L),
                List.of(4624L, 4778L, 4634L, 4647L, 4779L, 6005L));
    }

    @Override
    Optional<String> logonId(StoredEvent event, long eventId) {
        return EvtxEventData.value(event, eventId == 4624 || eventId == 4634 || eventId == 4647 ? "TargetLogonId" : "LogonID");
    }

    @Override
    Optional<String> account(StoredEvent event, long eventId) {
        return EvtxEventData.value(event, eventId == 4624 ? "TargetUserName" : "AccountName");
    }

    @Override
    public String name() {
        return "logon_sessionizer";
    }

    @Override
    public String displayName() {
        return "Logon sessions";
    }

    @Override
    public String description() {
        return "Windows logon sessions from logon, logoff, reconnect, disconnect and startup events";
    }
}
