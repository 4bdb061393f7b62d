package org.timesmith.server.timeline;

/** A named index in the event store; one or more timelines show its events in sketches. */
public record SearchIndex(long id, String name, String indexName, String description, long userId, String status,
                          String labelString, boolean deleted, String createdAt, String updatedAt) {
}
