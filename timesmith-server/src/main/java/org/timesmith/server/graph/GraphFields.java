package org.timesmith.server.graph;

/**
 * The checked fields of a saved-graph create or update: elements and config already JSON text, the
 * node and edge counts taken from the elements.
 */
record GraphFields(String name, String description, String graphConfig, String graphElements, int numNodes,
                   int numEdges) {
}
