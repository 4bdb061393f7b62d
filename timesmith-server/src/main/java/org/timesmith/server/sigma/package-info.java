/**
 * Installed Sigma rules (§2.9): installing, listing, updating and deleting them with the query
 * each converts to, and the beans that give the Sigma analyzer the installed rules and
 * Timesketch's field mapping. Parsing and conversion are in {@code timesmith-analysis}.
 */
package org.timesmith.server.sigma;
