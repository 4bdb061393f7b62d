package org.timesmith.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventGeneratorTest {

    private static String csv(long events, long seed) throws IOException {
        StringWriter out = new StringWriter();
        EventGenerator.writeCsv(events, seed, out);
        return out.toString();
    }

    @Test
    void theSameSeedGivesTheSameBytes() throws IOException {
        assertThat(csv(2_000, 7)).isEqualTo(csv(2_000, 7)).isNotEqualTo(csv(2_000, 8));
    }

    @Test
    void rowsAreTimesketchShapedWithMessagesOf80To300Characters() {
        EventGenerator generator = new EventGenerator(1);
        Set<String> dataTypes = new HashSet<>();
        Set<String> hosts = new HashSet<>();
        OffsetDateTime previous = OffsetDateTime.MIN;
        for (int i = 0; i < 20_000; i++) {
            String[] row = generator.next(20_000);
            assertThat(row).hasSize(EventGenerator.COLUMNS.size());
            assertThat(row[0].length()).as(row[0]).isBetween(80, 300);
            assertThat(row[2]).isNotBlank();
            OffsetDateTime time = OffsetDateTime.parse(row[1]);
            assertThat(time).isAfterOrEqualTo(previous);
            previous = time;
            dataTypes.add(row[3]);
            hosts.add(row[4]);
        }
        assertThat(dataTypes).containsExactlyInAnyOrder("windows:evtx:record", "fs:stat",
                "chrome:history:page_visited", "windows:sysmon:network");
        assertThat(hosts).hasSizeBetween(100, 300);
        assertThat(previous.toInstant().toEpochMilli() * 1000 - EventGenerator.START_MICROS)
                .isBetween(EventGenerator.SPAN_MICROS * 8 / 10, EventGenerator.SPAN_MICROS * 12 / 10);
    }
}
