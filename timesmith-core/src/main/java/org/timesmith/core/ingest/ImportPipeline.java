package org.timesmith.core.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.timesmith.core.filter.EventFilter;
import org.timesmith.core.normalize.Normalized;
import org.timesmith.core.normalize.Normalizer;
import org.timesmith.core.reader.EventReader;
import org.timesmith.core.reader.ReadItem;
import org.timesmith.core.reader.Rejection;
import org.timesmith.core.reader.SourceRecord;
import org.timesmith.core.store.BulkWriter;

/**
 * The import flow shared by the CLI and the server: reader → normaliser → (event filter) → bulk
 * writer, streaming, counting every record so that read = indexed + rejected + filtered holds at the
 * end or the import fails. An event filter sees each event as it would be stored (after
 * normalisation, so {@code timestamp} is always microseconds); a record the normaliser rejects is
 * counted as rejected whether or not it would have matched.
 */
public final class ImportPipeline {

    /** How many rejections an import keeps with their reasons; the rest are counted. */
    public static final int KEPT_REJECTIONS = 100;

    private static final int PROGRESS_EVERY = 4096;

    private ImportPipeline() {
    }

    /**
     * Reads every record, writes the accepted events and flushes the writer.
     *
     * @throws IllegalStateException if the counts do not add up (a bug, never silent loss)
     */
    public static ImportSummary run(EventReader reader, Normalizer normalizer, BulkWriter writer,
                                    ImportListener listener) {
        return run(reader, normalizer, writer, Optional.empty(), listener);
    }

    /**
     * As {@link #run(EventReader, Normalizer, BulkWriter, ImportListener)}, writing only the events
     * the filter matches; the others are counted as filtered, neither indexed nor rejected.
     *
     * @throws IllegalStateException if the counts do not add up (a bug, never silent loss)
     */
    public static ImportSummary run(EventReader reader, Normalizer normalizer, BulkWriter writer,
                                    Optional<EventFilter> filter, ImportListener listener) {
        long started = System.nanoTime();
        long read = 0;
        long indexed = 0;
        long rejected = 0;
        long filtered = 0;
        List<Rejection> kept = new ArrayList<>();
        while (reader.hasNext()) {
            ReadItem item = reader.next();
            read++;
            Rejection rejection = switch (item) {
                case Rejection r -> r;
                case SourceRecord record -> switch (normalizer.normalize(record)) {
                    case Normalized.Accepted accepted -> {
                        if (filter.isEmpty() || filter.get().test(accepted.event().source())) {
                            writer.add(accepted.event());
                            indexed++;
                            if (CrashPoint.due(CrashPoint.INDEXING)) {
                                writer.flush(); // part of the import durable, the rest not: the harder case
                                CrashPoint.hold(CrashPoint.INDEXING);
                            }
                        } else {
                            filtered++;
                        }
                        yield null;
                    }
                    case Normalized.Rejected r -> r.rejection();
                };
            };
            if (rejection != null) {
                rejected++;
                if (kept.size() < KEPT_REJECTIONS) {
                    kept.add(rejection);
                }
            }
            if (read % PROGRESS_EVERY == 0) {
                listener.progress(read, indexed, rejected, filtered, reader.bytesRead());
            }
        }
        CrashPoint.reach(CrashPoint.COMMIT);
        writer.flush();
        if (writer.written() != indexed) {
            throw new IllegalStateException("store accepted " + writer.written() + " events but " + indexed
                    + " were sent");
        }
        if (read != indexed + rejected + filtered) {
            throw new IllegalStateException("read " + read + " != indexed " + indexed + " + rejected " + rejected
                    + " + filtered " + filtered);
        }
        listener.progress(read, indexed, rejected, filtered, reader.bytesRead());
        return new ImportSummary(read, indexed, rejected, filtered, kept, reader.bytesRead(),
                (System.nanoTime() - started) / 1_000_000);
    }
}
