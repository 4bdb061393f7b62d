package org.timesmith.core.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timesmith.core.reader.ReaderTestSupport.fixture;
import static org.timesmith.core.reader.ReaderTestSupport.options;
import static org.timesmith.core.reader.ReaderTestSupport.readAll;
import static org.timesmith.core.reader.ReaderTestSupport.records;
import static org.timesmith.core.reader.ReaderTestSupport.resource;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.timesmith.core.event.Event;
import org.timesmith.core.normalize.Normalized;
import org.timesmith.core.normalize.Normalizer;
import org.timesmith.core.normalize.NormalizerOptions;

/**
 * The formats whose readers derive the Timesketch fields themselves (L2T CSV, Zeek) produce records
 * the normaliser accepts unchanged in time: the reader's exact microseconds survive normalisation.
 */
class ReadersNormalizeTest {

    private final Normalizer normalizer = new Normalizer(NormalizerOptions.defaults("readers-test", 1));

    @ParameterizedTest
    @ValueSource(strings = {"conn", "dns", "http", "ssl", "ssh", "ntp"})
    void zeekRecordsAreAcceptedWithTheirExactTimestamp(String path) {
        Path file = fixture("zeek/rita_missing_host/2024-04-19/" + path + ".00:00:00-01:00:00.log.gz");
        assertAllAcceptedKeepingTime(records(readAll(Readers.open(file, options(file)))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"l2t_sample.csv"})
    void l2tRecordsAreAcceptedWithTheirExactTimestamp(String name) {
        Path file = resource(name);
        assertAllAcceptedKeepingTime(records(readAll(Readers.open(file, options(file)))));
    }

    private void assertAllAcceptedKeepingTime(List<SourceRecord> records) {
        assertThat(records).isNotEmpty().allSatisfy(record -> {
            Normalized normalized = normalizer.normalize(record);
            assertThat(normalized).isInstanceOf(Normalized.Accepted.class);
            Event event = ((Normalized.Accepted) normalized).event();
            assertThat(event.timestamp()).isEqualTo(record.fields().get(Event.TIMESTAMP));
            assertThat(event.source()).containsEntry(Event.DATETIME, record.fields().get(Event.DATETIME))
                    .containsEntry(Event.MESSAGE, record.fields().get(Event.MESSAGE));
        });
    }
}
