package org.timesmith.server.aggregation;

import java.util.Optional;

/**
 * What a client sets on a saved aggregation, in the forms it is stored in.
 *
 * @param viewId      the saved search of this sketch it runs over, if any
 * @param parameters  the aggregator's parameters as a JSON object's text
 * @param labelString the labels as a JSON list, or empty for none
 */
public record AggregationFields(Optional<Long> viewId, String name, String description, String aggType,
                                String parameters, String chartType, String labelString) {
}
