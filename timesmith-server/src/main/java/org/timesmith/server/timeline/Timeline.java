package org.timesmith.server.timeline;

/**
 * The events of one search index as attached to one sketch ({@code __ts_timeline_id} = {@link #id}).
 * Status: {@code new}, {@code processing}, {@code ready}, {@code fail} or {@code archived}.
 */
public record Timeline(long id, long sketchId, long searchIndexId, String name, String description, String color,
                       String labelString, String status, long userId, String createdAt, String updatedAt) {

    public static final String READY = "ready";
    public static final String PROCESSING = "processing";
    public static final String FAIL = "fail";
    public static final String ARCHIVED = "archived";
}
