package org.timesmith.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timesmith.core.event.Event;
import org.timesmith.core.filter.EventFilter;
import org.timesmith.core.normalize.Normalizer;
import org.timesmith.core.normalize.NormalizerOptions;
import org.timesmith.core.reader.EventReader;
import org.timesmith.core.reader.ReaderOptions;
import org.timesmith.core.reader.Readers;
import org.timesmith.core.store.BulkWriter;

class ImportPipelineFilterTest {

    /** A sink keeping what it is given: the pipeline's counts are what is under test here. */
    private static final class KeepingWriter implements BulkWriter {
        final List<Event> events = new ArrayList<>();

        @Override
        public void add(Event event) {
            events.add(event);
        }

        @Override
        public void flush() {
        }

        @Override
        public long written() {
            return events.size();
        }

        @Override
        public void close() {
        }
    }

    private static ImportSummary run(Path file, Optional<EventFilter> filter, KeepingWriter writer) throws Exception {
        try (EventReader reader = Readers.open(file, ReaderOptions.auto(file.getFileName().toString()))) {
            return ImportPipeline.run(reader, new Normalizer(NormalizerOptions.defaults("test", 1),
                    file.getFileName().toString()), writer, filter, ImportListener.NONE);
        }
    }

    @Test
    void plasoFileFilteredByDataTypeKeepsTheThreeFsStatEvents() throws Exception {
        Path plaso = Path.of(System.getProperty("timesmith.fixtures", "../shared/fixtures"), "plaso",
                "evtx_20250918.plaso");
        Assumptions.assumeTrue(Files.isRegularFile(plaso), () -> "fixture missing, skipped: " + plaso);
        KeepingWriter all = new KeepingWriter();
        ImportSummary unfiltered = run(plaso, Optional.empty(), all);
        KeepingWriter kept = new KeepingWriter();
        ImportSummary summary = run(plaso, Optional.of(EventFilter.parse("data_type is \"fs:stat\"")), kept);

        assertThat(summary.indexed()).isEqualTo(3);
        assertThat(kept.events).allSatisfy(e -> assertThat(e.source().get("data_type")).isEqualTo("fs:stat"));
        assertThat(summary.read()).isEqualTo(unfiltered.read());
        assertThat(summary.rejected()).isEqualTo(unfiltered.rejected());
        assertThat(summary.filtered()).isEqualTo(unfiltered.indexed() - 3);
        assertThat(summary.indexed() + summary.rejected() + summary.filtered()).isEqualTo(summary.read());
        // The same events as without the filter, with the same ids.
        List<String> fsStatIds = all.events.stream().filter(e -> "fs:stat".equals(e.source().get("data_type")))
                .map(Event::id).toList();
        assertThat(kept.events.stream().map(Event::id).toList()).isEqualTo(fsStatIds);
    }

    @Test
    void rejectedRecordsStayRejectedAndTheRestIsFilteredOrIndexed(@TempDir Path dir) throws Exception {
        Path jsonl = dir.resolve("events.jsonl");
        Files.writeString(jsonl, """
                {"message": "one", "datetime": "2025-01-01T00:00:00Z", "timestamp_desc": "t", "n": 1}
                {"message": "two", "datetime": "2025-01-02T00:00:00Z", "timestamp_desc": "t", "n": 2}
                {"message": "no time", "timestamp_desc": "t", "n": 3}
                {"message": "four", "datetime": "2025-01-04T00:00:00Z", "timestamp_desc": "t", "n": 4}
                """, StandardCharsets.UTF_8);
        KeepingWriter kept = new KeepingWriter();
        ImportSummary summary = run(jsonl, Optional.of(EventFilter.parse(
                "n >= 2 and timestamp < DATETIME(\"2025-01-03\") or message is \"four\"")), kept);
        assertThat(summary.read()).isEqualTo(4);
        assertThat(summary.rejected()).isEqualTo(1);
        assertThat(summary.indexed()).isEqualTo(2);
        assertThat(summary.filtered()).isEqualTo(1);
        assertThat(kept.events.stream().map(Event::message).toList()).containsExactly("two", "four");
    }
}
