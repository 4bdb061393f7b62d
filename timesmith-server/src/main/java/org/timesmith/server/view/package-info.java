/**
 * Saved searches, Timesketch's "views" (§5): the query string, explore filter and DSL stored
 * exactly as they go on the wire (JSON-encoded text), and their entries in the sketch resource.
 */
package org.timesmith.server.view;
