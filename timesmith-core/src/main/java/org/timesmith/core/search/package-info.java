/**
 * The store-independent search model: {@link org.timesmith.core.search.SearchRequest} (query
 * string and/or query DSL, filters, indices, fields, sort, paging by {@code search_after}), its
 * results, {@link org.timesmith.core.search.Aggregation}s and partial {@link
 * org.timesmith.core.search.EventUpdate}s. Everything that searches (explore, exports,
 * aggregations, analyzers, the CLI) speaks this model, so every store answers the same request and
 * results are ordered by timestamp then event id, never capped.
 */
package org.timesmith.core.search;
