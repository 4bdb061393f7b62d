package org.timesmith.core.search;

import java.util.List;
import java.util.Map;
import org.timesmith.core.event.Label;

/** A partial update of events: labels, tags or attributes; everything else stays as it is. */
public sealed interface EventUpdate {

    /** Adds the label unless the event already has the same name for the same sketch. */
    record AddLabel(Label label) implements EventUpdate {
    }

    /** Removes the label with this name and sketch, whoever set it. */
    record RemoveLabel(Label label) implements EventUpdate {
    }

    record AddTags(List<String> tags) implements EventUpdate {
    }

    record RemoveTags(List<String> tags) implements EventUpdate {
    }

    /** Sets (adds or overwrites) source attributes; reserved fields cannot be set this way. */
    record SetAttributes(Map<String, Object> attributes) implements EventUpdate {
    }
}
