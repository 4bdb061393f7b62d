package org.timesmith.core.event;

/**
 * One entry of an event's {@code timesketch_label} list: labels are per sketch and per user, as in
 * Timesketch. A star is the label {@link Event#STAR_LABEL}; a commented event carries
 * {@link Event#COMMENT_LABEL}.
 */
public record Label(String name, long sketchId, long userId) {
}
