package org.timesmith.server.graph;

import java.util.List;
import org.timesmith.core.search.StoredEvent;

/**
 * A graph plugin (Timesketch's {@code BaseGraphPlugin}): which events it reads (a query string and the
 * few fields it needs, so the stream stays small) and how one event becomes nodes and edges. Plugins
 * are stateless; everything a run accumulates lives in its {@link GraphBuilder}.
 */
sealed interface GraphPlugin permits WinLoginsGraph, WinServicesGraph, ChromeDownloadsGraph {

    /** The wire name, lower case as Timesketch's manager registers it (the client compares it lower-cased). */
    String name();

    String displayName();

    String description();

    /** The query string that selects the events the plugin reads. */
    String query();

    /** The source fields the plugin reads (the runner adds the timestamp). */
    List<String> fields();

    /** Adds what one matching event says to the graph. */
    void add(StoredEvent event, GraphBuilder graph);
}
