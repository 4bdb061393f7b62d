/**
 * Aggregations of a sketch (§13 of {@code docs/timesketch-api.md}): the closed set of aggregators
 * and their parameters, running them over exactly the matches explore would choose ({@code
 * AggregationRunner}), Vega-Lite chart specs the Python client can load ({@code Charts}), and
 * saved aggregations and aggregation groups in the metadata database.
 */
package org.timesmith.server.aggregation;
