package org.timesmith.server.aggregation;

/**
 * Saved aggregations shown as one compound chart; {@code orientation} is {@code layer},
 * {@code horizontal} or {@code vertical}. Members are the aggregations whose group is this one.
 */
public record AggregationGroup(long id, long sketchId, long userId, String name, String description,
                               String parameters, String orientation, String createdAt, String updatedAt) {
}
