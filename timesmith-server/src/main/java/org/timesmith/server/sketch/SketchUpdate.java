package org.timesmith.server.sketch;

import java.util.Optional;
import org.timesmith.server.api.LabelChange;

/**
 * What an update of a sketch asks for, decoded from the wire by {@link SketchJson}: Timesketch's
 * client sends a label change and a rename to the same route, each only with its own fields, so
 * each part is present only when the body carries it.
 *
 * @param labels the label change, when the body has {@code labels} or {@code label_action}
 * @param rename the new name and description, when the body has {@code name} or {@code description}
 */
public record SketchUpdate(Optional<LabelChange> labels, Optional<Rename> rename) {

    /** A new name and description; an absent or empty one keeps the old value (clients send both). */
    public record Rename(Optional<String> name, Optional<String> description) {
    }
}
