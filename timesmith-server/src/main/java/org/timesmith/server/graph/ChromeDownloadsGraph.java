package org.timesmith.server.graph;

import java.util.List;
import java.util.Map;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.server.graph.GraphBuilder.Endpoint;

/**
 * Timesketch's {@code ChromeDownloads} graph without its second step: computers linked to the files
 * Chrome downloaded there ({@code chrome:history:file_downloaded}), with the size as the edge label.
 * Timesketch then searches prefetch executions per file name, one query per download; that is left out
 * here so a run stays one stream over the sketch.
 */
final class ChromeDownloadsGraph implements GraphPlugin {

    @Override
    public String name() {
        return "chromedownloads";
    }

    @Override
    public String displayName() {
        return "Chrome downloads";
    }

    @Override
    public String description() {
        return "Files downloaded with Chrome, by the computer they were downloaded to";
    }

    @Override
    public String query() {
        return "data_type:\"chrome:history:file_downloaded\"";
    }

    @Override
    public List<String> fields() {
        return List.of("hostname", "received_bytes", "full_path", "url", "domain");
    }

    @Override
    public void add(StoredEvent event, GraphBuilder graph) {
        Map<String, Object> source = event.source();
        String computer = EventText.first(source, -1, "hostname").orElse("UNKNOWN");
        String path = EventText.first(source, -1, "full_path").orElse("");
        String url = EventText.first(source, -1, "url").orElse("");
        String bytes = EventText.first(source, -1, "received_bytes").orElse("?");
        String file = path.isEmpty() ? "UNKNOWN file download from " + EventText.first(source, -1, "domain").orElse("?")
                : path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
        graph.link(event, new Endpoint("computer", computer),
                new Endpoint("file", file, Map.of("full_path", path.isEmpty() ? url : path, "received_bytes", bytes)),
                "Downloaded " + bytes + " bytes");
    }
}
