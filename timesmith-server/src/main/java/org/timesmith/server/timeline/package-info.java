/**
 * Search indices, timelines and data sources (§2.7, §3.8, §4): creating them, deriving a
 * timeline's status from its data sources, who may see or use an index, deleting a timeline so its
 * events really leave the store, and their Timesketch JSON shapes.
 */
package org.timesmith.server.timeline;
