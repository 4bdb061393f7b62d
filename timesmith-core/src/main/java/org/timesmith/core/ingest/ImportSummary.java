package org.timesmith.core.ingest;

import java.util.List;
import org.timesmith.core.reader.Rejection;

/**
 * What an import did: records read, events indexed, records rejected, events an event filter left
 * out (read = indexed + rejected + filtered always), the first rejections with their reasons, and
 * the bytes of input consumed.
 */
public record ImportSummary(long read, long indexed, long rejected, long filtered, List<Rejection> firstRejections,
                            long bytes, long elapsedMillis) {

    public ImportSummary {
        firstRejections = List.copyOf(firstRejections);
    }

    /** An import without an event filter (nothing filtered). */
    public ImportSummary(long read, long indexed, long rejected, List<Rejection> firstRejections, long bytes,
                         long elapsedMillis) {
        this(read, indexed, rejected, 0, firstRejections, bytes, elapsedMillis);
    }

    /** A multi-line text listing the first rejections, as stored in a data source's error message. */
    public String rejectionReport() {
        StringBuilder text = new StringBuilder();
        text.append(rejected).append(" of ").append(read).append(" records rejected");
        for (Rejection rejection : firstRejections) {
            text.append('\n').append(rejection.describe());
        }
        if (rejected > firstRejections.size()) {
            text.append("\n… and ").append(rejected - firstRejections.size()).append(" more");
        }
        return text.toString();
    }
}
