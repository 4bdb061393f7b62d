package org.timesmith.core.normalize;

import org.timesmith.core.reader.SourceRecord;

/**
 * Turns reader records into stored events following Timesketch's CSV/JSONL rules, and better where
 * they lose data (microseconds are kept exactly). Thread-confined: one per import.
 */
public final class Normalizer {

    private final NormalizerOptions options;

    public Normalizer(NormalizerOptions options) {
        this.options = options;
    }

    public NormalizerOptions options() {
        return options;
    }

    public Normalized normalize(SourceRecord record) {
        throw new IllegalStateException("normalisation of record " + record.recordNumber() + " is being built");
    }
}
