package org.timesmith.server.aggregation;

import java.util.List;
import java.util.Optional;

/**
 * What a client sets on an aggregation group (§13.4), decoded and checked by {@link AggregationJson}.
 *
 * @param parameters the group's parameters as a JSON object's text
 * @param orientation {@code layer}, {@code horizontal} or {@code vertical}
 * @param members the ids of the saved aggregations that make up the group, in order and without
 *                repeats, when the body names them (the service checks they are of the sketch)
 */
record GroupFields(String name, String description, String parameters, String orientation,
                   Optional<List<Long>> members) {

    GroupFields {
        members = members.map(List::copyOf);
    }
}
