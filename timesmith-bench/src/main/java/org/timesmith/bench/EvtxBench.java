package org.timesmith.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.timesmith.core.normalize.Normalized;
import org.timesmith.core.normalize.Normalizer;
import org.timesmith.core.normalize.NormalizerOptions;
import org.timesmith.core.reader.EventReader;
import org.timesmith.core.reader.ReadItem;
import org.timesmith.core.reader.ReaderOptions;
import org.timesmith.core.reader.Readers;
import org.timesmith.core.reader.SourceRecord;
import org.timesmith.core.reader.evtx.EvtxTestEvents;
import org.timesmith.core.reader.evtx.EvtxWriter;

/**
 * How fast Timesmith reads {@code .evtx} files (issue 16): writes an EVTX file of N records with the
 * core tests' {@link EvtxWriter} (Sysmon process creations, Security logons and {@code UserData}
 * events in turn; kept and reused), then reads it through {@link Readers} three times, printing
 * records/s, MB/s and the heap's peaks: twice the reader alone (the first pass warms the JIT), once
 * the reader with the {@link Normalizer} as an import runs it. The heap's live peak shows the reader
 * streams: it stays at one chunk and one record whatever N is.
 *
 * <pre>BENCH_MAIN=EvtxBench timesmith-bench/bench [records (default 1000000)] [work dir (default target/evtx-bench)]</pre>
 */
public final class EvtxBench {

    private static final Instant BASE = Instant.parse("2025-10-24T00:00:00Z");

    private EvtxBench() {
    }

    public static void main(String[] args) throws IOException {
        long records = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        Path dir = Path.of(args.length > 1 ? args[1] : "target/evtx-bench");
        Files.createDirectories(dir);
        Path file = dir.resolve("events-" + records + ".evtx");
        if (!Files.isRegularFile(file)) {
            long start = System.nanoTime();
            try (EvtxWriter writer = new EvtxWriter(file)) {
                for (long i = 0; i < records; i++) {
                    writer.write(EvtxTestEvents.mixedEvent(i, BASE), BASE);
                }
            }
            System.out.printf("wrote %s: %,d records, %,.1f MB in %,.1f s%n", file, records,
                    Files.size(file) / 1e6, (System.nanoTime() - start) / 1e9);
        }
        long bytes = Files.size(file);
        System.out.printf("file: %,d records, %,.1f MB (%,d chunks)%n", records, bytes / 1e6, (bytes - 4096) / 65536);
        read(file, "read pass 1 (cold JVM)", false);
        read(file, "read pass 2", false);
        read(file, "read + normalise", true);
    }

    private static void read(Path file, String label, boolean normalise) throws IOException {
        Normalizer normalizer = new Normalizer(NormalizerOptions.defaults("evtx-bench", 1));
        long read = 0;
        long rejected = 0;
        long fields = 0;
        long start = System.nanoTime();
        HeapMeter.Peaks peaks;
        try (HeapMeter heap = new HeapMeter();
             EventReader reader = Readers.open(file, ReaderOptions.auto(file.getFileName().toString()))) {
            while (reader.hasNext()) {
                ReadItem item = reader.next();
                if (item instanceof SourceRecord record) {
                    read++;
                    fields += record.fields().size();
                    if (normalise && !(normalizer.normalize(record) instanceof Normalized.Accepted)) {
                        rejected++;
                    }
                } else {
                    rejected++;
                }
            }
            peaks = heap.peaks();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s: %,d records (%,d rejected, %.1f fields each) in %,.1f s = %,.0f records/s, %,.1f MB/s;"
                        + " heap peak %,d MB in use, %,d MB live after GC; load %.1f%n",
                label, read, rejected, read == 0 ? 0.0 : (double) fields / read, seconds, read / seconds,
                Files.size(file) / 1e6 / seconds, peaks.used() >> 20, peaks.liveAfterGc() >> 20, AnalyzerBench.load());
    }
}
