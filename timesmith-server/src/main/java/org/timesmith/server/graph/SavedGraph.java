package org.timesmith.server.graph;

/**
 * A saved graph of a sketch (Timesketch's {@code Graph} model): the elements as the cytoscape element
 * list the client or the UI sent (JSON text, each element with its {@code group} and {@code data}) and
 * the layout/config as JSON text ({@code ""} when there is none).
 */
record SavedGraph(long id, long sketchId, long userId, String name, String description, String graphConfig,
                  String graphElements, int numNodes, int numEdges, String createdAt, String updatedAt) {
}
