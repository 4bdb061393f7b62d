package org.timesmith.server.ingest;

import java.util.HashSet;
import java.util.Set;
import org.timesmith.core.event.Event;
import org.timesmith.core.reader.InputFormatException;
import org.timesmith.core.store.BulkWriter;
import org.timesmith.core.store.ForwardingBulkWriter;

/**
 * Timesketch's guard against mapping explosions: an import whose distinct field names would need
 * more than the upper mapping limit ({@code OPENSEARCH_MAPPING_UPPER_LIMIT}, 1000 by default; each
 * field counts twice, text and keyword, plus a 10 % buffer) fails with Timesketch's message instead
 * of filling the index with thousands of fields, on either store.
 */
final class MappingLimit extends ForwardingBulkWriter {

    private static final double BUFFER = 0.1;

    private final int upperLimit;
    private final String timelineName;
    private final String indexName;
    private final Set<String> fields = new HashSet<>();

    MappingLimit(BulkWriter writer, int upperLimit, String timelineName, String indexName) {
        super(writer);
        this.upperLimit = upperLimit;
        this.timelineName = timelineName;
        this.indexName = indexName;
    }

    @Override
    public void add(Event event) {
        if (fields.addAll(event.source().keySet())) {
            int needed = (int) (fields.size() * 2 * (1 + BUFFER));
            if (needed > upperLimit) {
                throw new InputFormatException("Error: Indexing timeline [" + timelineName + "] into [" + indexName
                        + "] exceeds the upper field mapping limit of " + upperLimit + ". New calculated mapping limit: "
                        + needed + ". Review your import data or adjust OPENSEARCH_MAPPING_UPPER_LIMIT"
                        + " (timesmith.mapping-upper-limit).");
            }
        }
        super.add(event);
    }
}
