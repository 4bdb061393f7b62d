package org.timesmith.server.aggregation;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of one aggregator run: Timesketch's flat bucket rows, the chart (when a chart type
 * was asked for) and the title.
 *
 * @param chartType the chart type used, empty when no chart was asked for
 */
public record AggregatorRun(Aggregator aggregator, List<Map<String, Object>> rows, Optional<String> chartType,
                            Optional<Map<String, Object>> vegaSpec, Aggregator.Axis axis, String title,
                            long tookMillis) {
}
