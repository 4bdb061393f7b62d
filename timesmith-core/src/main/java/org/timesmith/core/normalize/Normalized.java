package org.timesmith.core.normalize;

import org.timesmith.core.event.Event;
import org.timesmith.core.reader.Rejection;

/** The outcome of normalising one record: an event, or the reason it cannot be one. */
public sealed interface Normalized {

    record Accepted(Event event) implements Normalized {
    }

    record Rejected(Rejection rejection) implements Normalized {
    }
}
