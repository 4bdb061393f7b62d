package org.timesmith.server.graph;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.timesmith.server.api.ApiException;

/** The graph plugins this server offers (Timesketch's {@code GraphManager}), found by name case-insensitively. */
@Component
class GraphPlugins {

    private final List<GraphPlugin> plugins = List.of(new WinLoginsGraph(), new WinServicesGraph(),
            new ChromeDownloadsGraph());

    List<GraphPlugin> all() {
        return plugins;
    }

    /** The plugin of that name, or 400 naming the known ones. */
    GraphPlugin named(String name) {
        String wanted = name.toLowerCase(Locale.ROOT).trim();
        return plugins.stream().filter(p -> p.name().equals(wanted)).findFirst()
                .orElseThrow(() -> ApiException.badRequest("No graph plugin named " + name + "; known: "
                        + plugins.stream().map(GraphPlugin::name).collect(Collectors.joining(", ")) + "."));
    }

    /** The plugins list of {@code GET /api/v1/graphs/}. */
    List<Map<String, Object>> listing() {
        return plugins.stream().map(p -> Map.<String, Object>of("name", p.name(), "display_name", p.displayName(),
                "description", p.description())).toList();
    }
}
