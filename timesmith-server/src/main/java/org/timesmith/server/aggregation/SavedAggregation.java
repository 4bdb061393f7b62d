package org.timesmith.server.aggregation;

import java.util.Optional;

/**
 * A saved aggregator run of a sketch: which aggregator with which parameters (JSON text, as on the
 * wire) and chart, optionally over a saved search, optionally part of a group.
 */
public record SavedAggregation(long id, long sketchId, long userId, Optional<Long> viewId, Optional<Long> groupId,
                               String name, String description, String aggType, String parameters, String chartType,
                               String labelString, String createdAt, String updatedAt) {
}
