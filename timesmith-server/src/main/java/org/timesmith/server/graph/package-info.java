/**
 * Graphs of a sketch (Timesketch's graph plugins and saved graphs): plugins that turn the sketch's
 * events into nodes and edges (Windows logons, service installs, Chrome downloads), the run route
 * that computes one over the chosen timelines with caps, and the saved graphs with their routes.
 */
package org.timesmith.server.graph;
