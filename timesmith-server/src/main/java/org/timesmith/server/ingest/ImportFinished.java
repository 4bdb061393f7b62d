package org.timesmith.server.ingest;

/**
 * Published (as a Spring application event) when an import of a data source has ended, so that
 * work which follows an import, such as the analyzers run after every import, need not be wired
 * into the importer.
 *
 * @param timelineId the timeline the data source belongs to
 * @param status     the data source's final status ({@code ready} or {@code fail})
 */
public record ImportFinished(long dataSourceId, long timelineId, String status) {
}
