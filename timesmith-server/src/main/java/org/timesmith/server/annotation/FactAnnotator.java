package org.timesmith.server.annotation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.timesmith.server.access.SketchAccess;

/**
 * Annotates events as facts of a DFIQ conclusion (the annotate route's {@code __ts_fact} labels,
 * §7.1). The DFIQ feature implements it, so this package does not depend on that one (which reads
 * and labels events through {@link EventService}).
 */
public interface FactAnnotator {

    /**
     * Gives the events (or, toggled or with {@code remove}, takes from them) the fact label of the
     * conclusion and links them to it (or unlinks them).
     *
     * @return the label annotations, as the annotate route answers them
     */
    List<Map<String, Object>> annotateFacts(SketchAccess access, Optional<Long> conclusionId,
                                            List<EventService.EventRef> refs, boolean remove);
}
