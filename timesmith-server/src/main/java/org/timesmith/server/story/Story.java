package org.timesmith.server.story;

/**
 * A story of a sketch: a title and its content, a JSON-encoded list of blocks (text, saved search,
 * aggregation, aggregation group) exactly as the client and the web UI write it.
 */
public record Story(long id, long sketchId, long userId, String title, String content, String labelString,
                    String createdAt, String updatedAt) {
}
