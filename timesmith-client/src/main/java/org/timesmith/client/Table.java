package org.timesmith.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dflib.DataFrame;
import org.dflib.builder.DataFrameAppender;

/**
 * Rows with named columns: what Timesketch's client returns as a pandas DataFrame (search results,
 * aggregation buckets, aggregator lists, Sigma rules). Renders as a text table, converts to a DFLib
 * {@link DataFrame}, and keeps rows as maps for plain Java use.
 */
public record Table(List<String> columns, List<Map<String, Object>> rows) {

    public Table {
        columns = List.copyOf(columns);
        rows = Collections.unmodifiableList(new ArrayList<>(rows));
    }

    /** A table whose columns are the union of the rows' keys, in first-seen order. */
    public static Table fromMaps(List<Map<String, Object>> rows) {
        Set<String> columns = new LinkedHashSet<>();
        rows.forEach(r -> columns.addAll(r.keySet()));
        return new Table(new ArrayList<>(columns), rows);
    }

    public int size() {
        return rows.size();
    }

    public DataFrame toDataFrame() {
        DataFrameAppender<Object[]> appender = DataFrame.byArrayRow(columns.toArray(String[]::new)).appender();
        for (Map<String, Object> row : rows) {
            appender.append(columns.stream().map(row::get).toArray());
        }
        return appender.toDataFrame();
    }

    /** A fixed-width text rendering; long cells are cut at 60 characters. */
    @Override
    public String toString() {
        int[] widths = columns.stream().mapToInt(String::length).toArray();
        List<String[]> cells = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            String[] line = new String[columns.size()];
            for (int i = 0; i < line.length; i++) {
                Object value = row.get(columns.get(i));
                String text = value == null ? "" : value.toString().replace('\n', ' ');
                line[i] = text.length() > 60 ? text.substring(0, 59) + "…" : text;
                widths[i] = Math.max(widths[i], line[i].length());
            }
            cells.add(line);
        }
        StringBuilder out = new StringBuilder();
        appendLine(out, columns.toArray(String[]::new), widths);
        for (String[] line : cells) {
            appendLine(out, line, widths);
        }
        return out.toString();
    }

    private static void appendLine(StringBuilder out, String[] cells, int[] widths) {
        for (int i = 0; i < cells.length; i++) {
            out.append(i == 0 ? "" : "  ").append(cells[i]);
            if (i < cells.length - 1) {
                out.append(" ".repeat(widths[i] - cells[i].length()));
            }
        }
        out.append('\n');
    }
}
