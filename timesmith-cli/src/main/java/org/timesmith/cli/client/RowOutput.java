package org.timesmith.cli.client;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes result rows as {@code table}, {@code csv}, {@code jsonl} or {@code json}. CSV, JSONL and
 * JSON stream row by row; a table sizes its columns on the first 100 rows.
 */
final class RowOutput implements AutoCloseable {

    enum Format { TABLE, CSV, JSONL, JSON }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int SIZING_ROWS = 100;

    private final PrintWriter out;
    private final Format format;
    private List<String> columns;
    private final List<Map<String, Object>> sizing = new ArrayList<>();
    private int[] widths;
    private long rows;

    RowOutput(PrintWriter out, Format format, List<String> columns) {
        this.out = out;
        this.format = format;
        this.columns = columns.isEmpty() ? null : columns;
        if (format == Format.JSON) {
            out.print('[');
        }
    }

    void write(Map<String, Object> row) {
        switch (format) {
            case JSONL -> out.println(JSON.writeValueAsString(row));
            case JSON -> out.print((rows == 0 ? "\n" : ",\n") + JSON.writeValueAsString(row));
            case CSV -> {
                if (columns == null) {
                    columns = List.copyOf(row.keySet());
                }
                if (rows == 0) {
                    out.println(columns.stream().map(RowOutput::csv).collect(Collectors.joining(",")));
                }
                out.println(columns.stream().map(c -> csv(text(row.get(c)))).collect(Collectors.joining(",")));
            }
            case TABLE -> {
                if (widths == null) {
                    sizing.add(row);
                    if (sizing.size() == SIZING_ROWS) {
                        startTable();
                    }
                } else {
                    printRow(row);
                }
            }
        }
        rows++;
    }

    private void startTable() {
        if (columns == null) {
            Set<String> union = new LinkedHashSet<>();
            sizing.forEach(r -> union.addAll(r.keySet()));
            columns = List.copyOf(union);
        }
        widths = new int[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = Math.min(40, columns.get(i).length());
            for (Map<String, Object> row : sizing) {
                widths[i] = Math.min(40, Math.max(widths[i], text(row.get(columns.get(i))).length()));
            }
        }
        StringBuilder header = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            header.append(i == 0 ? "" : "  ").append(pad(columns.get(i), widths[i], i == widths.length - 1));
        }
        out.println(header);
        sizing.forEach(this::printRow);
        sizing.clear();
    }

    private void printRow(Map<String, Object> row) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            line.append(i == 0 ? "" : "  ").append(pad(text(row.get(columns.get(i))).replace('\n', ' '), widths[i],
                    i == widths.length - 1));
        }
        out.println(line);
    }

    private static String pad(String text, int width, boolean last) {
        if (text.length() > width) {
            return text.substring(0, width - 1) + "…";
        }
        return last ? text : text + " ".repeat(width - text.length());
    }

    private static String text(Object value) {
        return switch (value) {
            case null -> "";
            case String s -> s;
            case List<?> list -> list.stream().map(String::valueOf).collect(Collectors.joining(","));
            case Map<?, ?> map -> JSON.writeValueAsString(map);
            default -> String.valueOf(value);
        };
    }

    private static String csv(String value) {
        return value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    long rows() {
        return rows;
    }

    @Override
    public void close() {
        if (format == Format.TABLE && widths == null && !sizing.isEmpty()) {
            startTable();
        }
        if (format == Format.JSON) {
            out.println(rows == 0 ? "]" : "\n]");
        }
        out.flush();
    }
}
