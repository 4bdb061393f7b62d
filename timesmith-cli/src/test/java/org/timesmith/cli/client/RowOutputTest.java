package org.timesmith.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowOutputTest {

    private static String render(RowOutput.Format format, List<String> columns, List<Map<String, Object>> rows) {
        StringWriter text = new StringWriter();
        try (RowOutput output = new RowOutput(new PrintWriter(text), format, columns)) {
            rows.forEach(output::write);
        }
        return text.toString();
    }

    private static Map<String, Object> row(String message, Object tag) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("datetime", "2020-01-01T00:00:00");
        row.put("message", message);
        row.put("tag", tag);
        return row;
    }

    @Test
    void csvQuotesAndJoinsLists() {
        assertThat(render(RowOutput.Format.CSV, List.of("message", "tag"),
                List.of(row("a, \"b\"", List.of("x", "y")), row("plain", null))))
                .isEqualTo("message,tag\n\"a, \"\"b\"\"\",\"x,y\"\nplain,\n");
    }

    @Test
    void jsonAndJsonLines() {
        List<Map<String, Object>> rows = List.of(row("one", List.of()), row("two", List.of("t")));
        assertThat(render(RowOutput.Format.JSONL, List.of(), rows)).hasLineCount(2).contains("\"message\":\"two\"");
        assertThat(render(RowOutput.Format.JSON, List.of(), rows)).startsWith("[\n{").endsWith("}\n]\n");
        assertThat(render(RowOutput.Format.JSON, List.of(), List.of())).isEqualTo("[]\n");
    }

    @Test
    void tableAlignsColumnsAndCutsLongCells() {
        String table = render(RowOutput.Format.TABLE, List.of("message", "tag"),
                List.of(row("short", "x"), row("m".repeat(60), "y")));
        assertThat(table.lines().toList()).hasSize(3);
        assertThat(table.lines().toList().get(1)).startsWith("short" + " ".repeat(35) + "  x");
        assertThat(table).contains("m".repeat(39) + "…");
    }
}
