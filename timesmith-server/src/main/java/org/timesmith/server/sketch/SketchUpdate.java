package org.timesmith.server.sketch;

import java.util.List;
import java.util.Optional;

/**
 * What an update of a sketch asks for, decoded from the wire by {@link SketchJson}: Timesketch's
 * client sends a label change and a rename to the same route, each only with its own fields, so
 * each part is present only when the body carries it.
 *
 * @param labels the label change, when the body has {@code labels} or {@code label_action}
 * @param rename the new name and description, when the body has {@code name} or {@code description}
 */
public record SketchUpdate(Optional<LabelChange> labels, Optional<Rename> rename) {

    /**
     * Labels to add to or remove from the sketch.
     *
     * @param action {@code add} or {@code remove} as sent (the service refuses anything else)
     */
    public record LabelChange(List<String> labels, String action) {
        public LabelChange {
            labels = List.copyOf(labels);
        }
    }

    /** A new name and description; an absent or empty one keeps the old value (clients send both). */
    public record Rename(Optional<String> name, Optional<String> description) {
    }
}
