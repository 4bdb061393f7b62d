/**
 * Search in a sketch (§10): turning the Timesketch explore body (query, DSL, chips, indices,
 * fields, order, size) into one store request limited to the sketch's ready timelines
 * ({@code ExploreQueries}, with {@code Chips}), running it into Timesketch's response
 * ({@code ExploreSearch}), exporting every match ({@code ExportWriter}), scroll
 * contexts kept in the metadata database so a scroll continues on any node and past 10,000
 * results, streamed exports, the query DSL preview, search history and the data finder. Counts,
 * exports, aggregations and bulk annotation use the same request model, so they all see the same
 * matches.
 */
package org.timesmith.server.explore;
