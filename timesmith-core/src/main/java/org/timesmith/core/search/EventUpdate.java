package org.timesmith.core.search;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.timesmith.core.event.Event;
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

        /**
         * Fields only the import or the label/tag updates write; names starting with {@code _} are
         * reserved too (OpenSearch metadata and Timesmith internals).
         */
        public static final Set<String> RESERVED = Set.of(Event.MESSAGE, Event.DATETIME, Event.TIMESTAMP,
                Event.TIMESTAMP_DESC, Event.TIMELINE_ID, Event.TAG, Event.LABEL);

        /** Timesketch's emoji list, which analyzers write although its name starts with {@code _}. */
        public static final String EMOJIS = "__ts_emojis";

        /** @throws IllegalArgumentException naming the first reserved or empty attribute name */
        public SetAttributes {
            attributes = Map.copyOf(attributes);
            for (String name : attributes.keySet()) {
                if (name.isBlank() || (name.startsWith("_") && !name.equals(EMOJIS)) || RESERVED.contains(name)) {
                    throw new IllegalArgumentException("attribute '" + name + "' is reserved and cannot be set");
                }
            }
        }
    }
}
