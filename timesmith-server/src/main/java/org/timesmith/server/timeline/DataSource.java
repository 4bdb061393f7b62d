package org.timesmith.server.timeline;

/**
 * One import into a timeline (an uploaded file, a streamed batch of events): where it came from,
 * its state ({@code queueing → processing → ready | fail}), the records read, indexed and rejected,
 * and in {@code errorMessage} the first rejected records with their line numbers and reasons;
 * {@code headersMapping} (JSON, empty for none) and {@code delimiter} (empty to detect) say how the
 * file is read; {@code plasoEventFilter} (empty for none) selects the events to import, and
 * {@code filteredEvents} counts those it left out (read = indexed + rejected + filtered).
 */
public record DataSource(long id, long timelineId, long userId, String provider, String context, String fileOnDisk,
                         long fileSize, String originalFilename, String dataLabel, String format, String contentKey,
                         String status, String errorMessage, long totalFileEvents, long indexedEvents,
                         long rejectedEvents, String taskId, String jobId, String createdAt, String updatedAt,
                         String headersMapping, String delimiter, String plasoEventFilter, long filteredEvents) {

    public static final String QUEUEING = "queueing";
    public static final String PROCESSING = "processing";
    public static final String READY = "ready";
    public static final String FAIL = "fail";

    public boolean unfinished() {
        return QUEUEING.equals(status) || PROCESSING.equals(status);
    }
}
