package org.timesmith.server.timeline;

import java.util.List;
import java.util.Optional;

/**
 * What an update of a timeline sets (§4.3), decoded and checked by {@link TimelineJson}: the name,
 * description and color (each the old one when the body leaves it out) and, when the body has a
 * {@code label_action}, the labels to add or remove.
 *
 * @param color six hex digits in upper case, without {@code #}
 */
public record TimelineUpdate(String name, String description, String color, Optional<LabelChange> labels) {

    /**
     * Labels to add to or remove from the timeline.
     *
     * @param action {@code add} or {@code remove} as sent (the service refuses anything else)
     */
    public record LabelChange(List<String> labels, String action) {
        public LabelChange {
            labels = List.copyOf(labels);
        }
    }
}
