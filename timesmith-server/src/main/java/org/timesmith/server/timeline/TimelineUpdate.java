package org.timesmith.server.timeline;

import java.util.Optional;
import org.timesmith.server.api.LabelChange;

/**
 * What an update of a timeline sets (§4.3), decoded and checked by {@link TimelineJson}: the name,
 * description and color (each the old one when the body leaves it out) and, when the body has a
 * {@code label_action}, the labels to add or remove.
 *
 * @param color six hex digits in upper case, without {@code #}
 */
public record TimelineUpdate(String name, String description, String color, Optional<LabelChange> labels) {
}
