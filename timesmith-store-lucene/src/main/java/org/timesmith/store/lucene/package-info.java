/**
 * The embedded {@link org.timesmith.core.store.EventStore}: one Apache Lucene index per store
 * index under a directory, with Timesketch's OpenSearch mapping reproduced field by field ({@code
 * IndexLayout}, {@code FieldAnalyzer}), OpenSearch's query string semantics and the supported DSL
 * subset implemented here ({@code QueryStringParser}, {@code DslQueries}, {@code FieldQueries}),
 * and aggregations from doc values. It exists so that Timesmith runs on one laptop with no
 * external service, and it must give the answers OpenSearch gives, which the core contract kit
 * checks.
 */
package org.timesmith.store.lucene;
