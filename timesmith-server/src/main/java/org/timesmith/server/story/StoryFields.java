package org.timesmith.server.story;

/**
 * What a client sets on a story, in the forms it is stored in.
 *
 * @param content     the blocks as a JSON list of objects
 * @param labelString the labels as a JSON list, or empty for none
 */
public record StoryFields(String title, String content, String labelString) {
}
