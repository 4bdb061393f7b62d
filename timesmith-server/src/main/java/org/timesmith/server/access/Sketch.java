package org.timesmith.server.access;

/** A shared investigation: its timelines, annotations, saved searches and stories. */
public record Sketch(long id, String name, String description, long userId, String status, String labelString,
                     boolean isPublic, String createdAt, String updatedAt, String lastActivity) {

    public static final String NEW = "new";
    /** After an unarchive, as Timesketch sets it. */
    public static final String READY = "ready";
    public static final String ARCHIVED = "archived";
    public static final String DELETED = "deleted";

    public boolean archived() {
        return ARCHIVED.equals(status);
    }

    public boolean deleted() {
        return DELETED.equals(status);
    }
}
