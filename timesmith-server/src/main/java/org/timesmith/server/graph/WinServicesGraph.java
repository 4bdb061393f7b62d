package org.timesmith.server.graph;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.server.graph.GraphBuilder.Endpoint;

/**
 * Timesketch's {@code WinService} graph: service installations (System event 7045), the usual trace
 * of lateral movement with PsExec and its kin. The installing user links to the service (labelled with
 * its start type) and the service to the computer it was installed on (labelled with its type), so
 * one service name on many machines stands out. Records without the four parts are skipped, as in
 * Timesketch; the installer is the {@code username} attribute, else the record's user SID.
 */
final class WinServicesGraph implements GraphPlugin {

    @Override
    public String name() {
        return "winservice";
    }

    @Override
    public String displayName() {
        return "Windows services";
    }

    @Override
    public String description() {
        return "Service installations (System event 7045): who installed which service on which computer";
    }

    @Override
    public String query() {
        return "event_identifier:7045";
    }

    @Override
    public List<String> fields() {
        return List.of("event_identifier", "computer_name", "Computer", "username", "user_sid", "UserID", "strings",
                "ServiceName", "ImagePath", "ServiceType", "StartType", "AccountName");
    }

    @Override
    public void add(StoredEvent event, GraphBuilder graph) {
        Map<String, Object> source = event.source();
        Optional<String> service = EventText.first(source, 0, "ServiceName");
        Optional<String> image = EventText.first(source, 1, "ImagePath");
        Optional<String> type = EventText.first(source, 2, "ServiceType");
        Optional<String> start = EventText.first(source, 3, "StartType");
        if (service.isEmpty() || image.isEmpty() || type.isEmpty() || start.isEmpty()) {
            return;
        }
        String computer = EventText.first(source, -1, "computer_name", "Computer").orElse("UNKNOWN");
        String user = EventText.first(source, -1, "username", "user_sid", "UserID").orElse("UNKNOWN");
        Endpoint serviceNode = new Endpoint("winservice", service.get(), Map.of("image_path", image.get(),
                "account", EventText.first(source, 4, "AccountName").orElse("")));
        graph.link(event, new Endpoint("user", user), serviceNode, start.get());
        graph.link(event, serviceNode, new Endpoint("computer", computer), type.get());
    }
}
