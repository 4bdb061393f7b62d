package org.timesmith.server.graph;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.timesmith.analysis.auth.LoginAnalyzer;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.server.graph.GraphBuilder.Endpoint;

/**
 * Timesketch's {@code WinLogins} graph, widened: who logged on where, and from where. Security-log
 * logons (4624), failed logons (4625, their edges labelled {@code Failed …}) and logons with explicit
 * credentials (4648, to the target server, plus an edge from the computer they were used on) become
 * user → computer and source address → computer edges labelled with the logon type. It reads the records themselves (EventData names or plaso's
 * {@code strings} by position), so the {@code login} analyzer need not have run first; attributes that
 * analyzer wrote win when present.
 */
final class WinLoginsGraph implements GraphPlugin {

    @Override
    public String name() {
        return "winlogins";
    }

    @Override
    public String displayName() {
        return "Windows logins";
    }

    @Override
    public String description() {
        return "Who logged on where, from where: users and source addresses linked to the computers they logged on"
                + " to (Security events 4624, 4625 failed, 4648 explicit credentials), by logon type";
    }

    @Override
    public String query() {
        return "event_identifier:(4624 OR 4625 OR 4648)";
    }

    @Override
    public List<String> fields() {
        return List.of("event_identifier", "computer_name", "Computer", "strings", "username", "TargetUserName",
                "logon_type", "LogonType", "source_address", "IpAddress", "TargetServerName");
    }

    @Override
    public void add(StoredEvent event, GraphBuilder graph) {
        Map<String, Object> source = event.source();
        long id = EventText.eventId(source).orElse(0);
        boolean explicit = id == 4648;
        Optional<String> user = EventText.first(source, 5, "username", "TargetUserName");
        Optional<String> computer = explicit ? EventText.first(source, 8, "TargetServerName")
                : EventText.first(source, -1, "computer_name", "Computer");
        if (user.isEmpty() || computer.isEmpty()) {
            return;
        }
        String label = explicit ? "Explicit credentials" : (id == 4625 ? "Failed " : "") + logonType(source, id);
        Endpoint target = new Endpoint("computer", computer.get());
        graph.link(event, new Endpoint("user", user.get()), target, label);
        if (explicit) {
            EventText.first(source, -1, "computer_name", "Computer").filter(from -> !from.equalsIgnoreCase(computer.get()))
                    .ifPresent(from -> graph.link(event, new Endpoint("computer", from), target, label));
        }
        EventText.first(source, explicit ? 12 : id == 4625 ? 19 : 18, "source_address", "IpAddress")
                .ifPresent(address -> graph.link(event, new Endpoint("ip", address), target, label));
    }

    private static String logonType(Map<String, Object> source, long id) {
        Optional<String> named = EventText.first(source, -1, "logon_type");
        if (named.isPresent()) {
            return named.get();
        }
        return LoginAnalyzer.logonTypeName(EventText.first(source, id == 4625 ? 10 : 8, "LogonType").orElse("0"));
    }
}
