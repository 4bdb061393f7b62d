package org.timesmith.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Attributes for many events, gathered while an analyzer streams and handed to the context in
 * groups: events that get the same attributes (the same session, the same chain) share one
 * {@link AnalysisContext#addAttributes} call, so a run over a million events makes thousands of
 * buffered updates rather than a million. Flushes itself every {@code flushAt} events; call
 * {@link #flush} once more at the end of the run.
 */
public final class AttributeBatch {

    private final AnalysisContext context;
    private final int flushAt;
    private final Map<Map<String, Object>, List<EventRef>> pending = new LinkedHashMap<>();
    private int size;
    private long added;

    public AttributeBatch(AnalysisContext context, int flushAt) {
        this.context = context;
        this.flushAt = flushAt;
    }

    public AttributeBatch(AnalysisContext context) {
        this(context, 1000);
    }

    /** The event gets these attributes (the map must not change afterwards). */
    public void add(EventRef event, Map<String, Object> attributes) {
        pending.computeIfAbsent(attributes, a -> new ArrayList<>()).add(event);
        added++;
        if (++size >= flushAt) {
            flush();
        }
    }

    public void flush() {
        pending.forEach((attributes, events) -> context.addAttributes(events, attributes));
        pending.clear();
        size = 0;
    }

    /** How many events were given attributes so far. */
    public long added() {
        return added;
    }
}
