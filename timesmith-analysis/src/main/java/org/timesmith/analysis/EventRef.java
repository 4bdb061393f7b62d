package org.timesmith.analysis;

import org.timesmith.core.search.StoredEvent;

/** One event an analyzer points at (to annotate it, or as a fact of a conclusion): its index and id. */
public record EventRef(String index, String id) {

    public static EventRef of(StoredEvent event) {
        return new EventRef(event.index(), event.id());
    }
}
