package org.timesmith.analysis.session;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.timesmith.analysis.windows.EvtxEventData;
import org.timesmith.core.search.StoredEvent;

/**
 * Timesketch's {@code unlock_sessionizer}: a workstation unlock (4801) opens a session, a lock
 * (4800), logoff (4634, 4647) or disconnect (4779) with the same logon id closes it, a system start
 * (6005) closes all; {@code session_id.unlock_session}.
 */
public final class UnlockSessionizer extends EvtxSessionizer {

    public UnlockSessionizer() {
        super("unlock_session", Set.of(4801L), Set.of(4800L, 4802L, 4634L, 4647L, 4779L),
                List.of(4801L, 4800L, 4634L, 4647L, 4779L, 6005L));
    }

    @Override
    Optional<String> logonId(StoredEvent event, long eventId) {
        return EvtxEventData.value(event, eventId == 4779 ? "LogonID" : "TargetLogonId");
    }

    @Override
    Optional<String> account(StoredEvent event, long eventId) {
        return EvtxEventData.value(event, "TargetUserName");
    }

    @Override
    public String name() {
        return "unlock_sessionizer";
    }

    @Override
    public String displayName() {
        return "Unlock sessions";
    }

    @Override
    public String description() {
        return "Windows sessions from workstation unlock to lock, logoff, disconnect or startup";
    }
}
