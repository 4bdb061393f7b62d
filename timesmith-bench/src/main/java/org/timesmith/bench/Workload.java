package org.timesmith.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.timesmith.core.ingest.ImportListener;
import org.timesmith.core.ingest.ImportPipeline;
import org.timesmith.core.ingest.ImportSummary;
import org.timesmith.core.normalize.Normalizer;
import org.timesmith.core.normalize.NormalizerOptions;
import org.timesmith.core.reader.EventReader;
import org.timesmith.core.reader.Format;
import org.timesmith.core.reader.ReaderOptions;
import org.timesmith.core.reader.Readers;
import org.timesmith.core.store.BulkWriter;

/**
 * What both stores are given: the same reader and normaliser feeding their bulk writers, and the
 * same five queries, with the parameters below.
 */
final class Workload {

    static final String INDEX = "bench";
    static final String WARM_UP_INDEX = "bench-warm-up";
    /** Full-text query string (Lucene syntax, AND between terms, over all fields). */
    static final String QUERY_STRING = "\"Domain Admins\" OR whoami";
    /** Term filter plus a 7-day time range. */
    static final String TERM_FIELD = "event_identifier";
    static final String TERM_VALUE = "4625";
    static final long RANGE_START = EventGenerator.START_MICROS + 10L * 24 * 3600 * 1_000_000L;
    static final long RANGE_END = RANGE_START + 7L * 24 * 3600 * 1_000_000L - 1;
    /** Terms aggregation: the top hosts. */
    static final String TERMS_FIELD = "hostname";
    static final int TERMS_SIZE = 10;
    static final long HOUR_MICROS = 3600L * 1_000_000L;
    /** Page size of Timesketch's explore view, used for the two searches that return hits. */
    static final int PAGE = 40;
    static final int FIRST = 500;

    private Workload() {
    }

    /** Streams the CSV through the reader and normaliser into the writer and flushes it. */
    static ImportSummary importCsv(Path csv, BulkWriter writer, String dataSource) throws IOException {
        ReaderOptions options = new ReaderOptions(Format.CSV, csv.getFileName().toString(), Optional.of(','),
                Optional.empty());
        try (EventReader reader = Readers.open(csv, options)) {
            return ImportPipeline.run(reader, new Normalizer(NormalizerOptions.defaults(dataSource, 1)), writer,
                    new ProgressPrinter());
        }
    }

    static long directorySize(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    // A segment merged away while walking: it no longer takes space.
                    return 0;
                }
            }).sum();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Prints the ingest progress to stderr every ten seconds, so long runs show they are alive. */
    private static final class ProgressPrinter implements ImportListener {
        private final long started = System.nanoTime();
        private long lastPrinted = started;

        @Override
        public void progress(long read, long indexed, long rejected, long bytes) {
            long now = System.nanoTime();
            if (now - lastPrinted >= 10_000_000_000L) {
                lastPrinted = now;
                System.err.printf("  … %,d events read (%,.0f/s), %,d rejected, heap in use %,d MB%n", read,
                        read / ((now - started) / 1e9), rejected,
                        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1_000_000);
            }
        }
    }
}
