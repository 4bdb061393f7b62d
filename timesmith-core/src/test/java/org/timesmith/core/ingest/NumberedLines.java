package org.timesmith.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStore;
import org.timesmith.core.store.EventStream;

/**
 * The input and the check of the crash tests (server, CLI, both stores): a CSV whose events are
 * numbered by a {@code line} column, so that after a kill and a restart every line can be looked up
 * again, and the check that an index holds each line exactly once under a unique id — an exact count
 * alone would hide a line lost and another duplicated.
 */
public final class NumberedLines {

    private NumberedLines() {
    }

    /** A CSV in Timesketch's layout whose {@code line} column numbers its {@code lines} events from 0. */
    public static byte[] csv(int lines) {
        StringBuilder csv = new StringBuilder(lines * 100).append("message,datetime,timestamp_desc,line\n");
        for (int i = 0; i < lines; i++) {
            csv.append("crash test line ").append(i).append(",2024-03-0").append(1 + i % 9).append('T')
                    .append(String.format("%02d:%02d:%02d", i / 3600 % 24, i / 60 % 60, i % 60))
                    .append(".000000+00:00,Event Recorded,").append(i).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Every event of the index read back from the store: ids unique, each line 0..lines-1 exactly once. */
    public static void assertEveryLineOnce(EventStore store, String index, int lines) {
        Set<String> ids = new HashSet<>();
        BitSet seen = new BitSet(lines);
        long events = 0;
        try (EventStream stream = store.stream(SearchRequest.builder(index).build())) {
            while (stream.hasNext()) {
                StoredEvent event = stream.next();
                events++;
                assertThat(ids.add(event.id())).as("event id %s twice", event.id()).isTrue();
                int line = Integer.parseInt(String.valueOf(event.source().get("line")));
                assertThat(seen.get(line)).as("line %d twice", line).isFalse();
                seen.set(line);
            }
        }
        assertThat(events).as("events in %s", index).isEqualTo(lines);
        assertThat(seen.cardinality()).isEqualTo(lines);
    }
}
