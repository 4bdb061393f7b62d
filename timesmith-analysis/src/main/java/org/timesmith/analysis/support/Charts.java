package org.timesmith.analysis.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.timesmith.analysis.AnalysisContext;

/**
 * Saved aggregations the analyzers leave behind: the most frequent values of a field among the
 * events of the run's timelines matching a query (the server's {@code query_bucket} aggregator,
 * Timesketch's "top terms" tables), so they chart the analysed timeline only.
 */
public final class Charts {

    private Charts() {
    }

    /** The query limited to the run's timelines ({@code *} or blank: all their events). */
    public static String ofRunTimelines(AnalysisContext context, String query) {
        String timelines = context.timelineIds().stream().sorted().map(String::valueOf)
                .collect(Collectors.joining(" OR ", "__ts_timeline_id:(", ")"));
        return query.isBlank() || query.equals("*") ? timelines : "(" + query + ") AND " + timelines;
    }

    public static AnalysisContext.Pending topTerms(AnalysisContext context, String name, String field, String query,
                                                   int limit, String chartType) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("field", field);
        parameters.put("query_string", ofRunTimelines(context, query));
        parameters.put("limit", limit);
        parameters.put("supported_charts", chartType);
        return context.addAggregation(name, "query_bucket", parameters, chartType);
    }
}
