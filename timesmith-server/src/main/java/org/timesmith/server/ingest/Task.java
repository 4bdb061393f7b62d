package org.timesmith.server.ingest;

/**
 * Background work as {@code tasks/} reports it, in Celery's words: {@code PENDING}, {@code STARTED},
 * {@code SUCCESS} or {@code FAILURE}.
 */
public record Task(String id, String kind, Long sketchId, long userId, String state, String request, String result,
                   String createdAt, String updatedAt) {

    public static final String PENDING = "PENDING";
    public static final String STARTED = "STARTED";
    public static final String SUCCESS = "SUCCESS";
    public static final String FAILURE = "FAILURE";
}
