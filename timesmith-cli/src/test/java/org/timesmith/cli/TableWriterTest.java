package org.timesmith.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.timesmith.core.search.StoredEvent;

class TableWriterTest {

    private static StoredEvent event(String datetime, String message) {
        return new StoredEvent("local", "id", Map.of("datetime", datetime, "timestamp_desc", "Event Logged",
                "message", message));
    }

    @Test
    void lastColumnTakesTheRestAndLongValuesAreCut() {
        StringWriter text = new StringWriter();
        try (TableWriter table = new TableWriter(new PrintWriter(text), SearchCommand.DEFAULT_FIELDS, 80)) {
            table.write(event("2024-03-12T08:00:00.000000+00:00", "short"));
            table.write(event("2024-03-12T08:00:01.000000+00:00", "a much longer message\nwith a line break that goes on"));
        }

        List<String> lines = text.toString().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
        assertThat(lines.get(0)).matches("datetime {26}timestamp_desc  message");
        assertThat(lines.get(2)).contains("a much longer message with").endsWith("…");
    }

    @Test
    void narrowTerminalsShrinkTheOtherColumns() {
        StringWriter text = new StringWriter();
        try (TableWriter table = new TableWriter(new PrintWriter(text), SearchCommand.DEFAULT_FIELDS, 50)) {
            table.write(event("2024-03-12T08:00:00.000000+00:00", "a message that is longer than twenty characters"));
        }

        assertThat(text.toString().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(50));
    }

    @Test
    void rowsAfterTheSizingRowsStream() {
        StringWriter text = new StringWriter();
        try (TableWriter table = new TableWriter(new PrintWriter(text), List.of("message"), 40)) {
            for (int i = 0; i < TableWriter.SIZING_ROWS + 5; i++) {
                table.write(event("2024-03-12T08:00:00Z", "row " + i));
            }
            assertThat(text.toString().lines()).hasSize(1 + TableWriter.SIZING_ROWS + 5);
        }
    }

    @Test
    void listsJoinAndNestedFieldsResolve() {
        Map<String, Object> source = Map.of("tag", List.of("c2", "exfiltration"), "net", Map.of("dst", Map.of("port", 443)));

        assertThat(ResultWriter.text(source, "tag")).isEqualTo("c2, exfiltration");
        assertThat(ResultWriter.text(source, "net.dst.port")).isEqualTo("443");
        assertThat(ResultWriter.text(source, "missing")).isEmpty();
    }
}
