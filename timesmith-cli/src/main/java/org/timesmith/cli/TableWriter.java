package org.timesmith.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.timesmith.core.search.StoredEvent;

/**
 * A plain-text table as wide as the terminal. Column widths come from the first
 * {@value #SIZING_ROWS} rows (buffered), after which rows stream straight through; the last column
 * takes the remaining width and long values are cut with an ellipsis.
 */
final class TableWriter implements ResultWriter {

    static final int SIZING_ROWS = 100;
    private static final int MAX_COLUMN = 40;
    private static final int MIN_COLUMN = 8;
    private static final int MIN_LAST_COLUMN = 20;
    private static final String GAP = "  ";

    private final PrintWriter out;
    private final List<String> fields;
    private final int width;
    private final List<List<String>> buffered = new ArrayList<>();
    private int[] widths;

    TableWriter(PrintWriter out, List<String> fields, int width) {
        this.out = out;
        this.fields = List.copyOf(fields);
        this.width = width;
    }

    @Override
    public void write(StoredEvent event) {
        List<String> row = fields.stream().map(field -> oneLine(ResultWriter.text(event.source(), field))).toList();
        if (widths != null) {
            print(row);
            return;
        }
        buffered.add(row);
        if (buffered.size() == SIZING_ROWS) {
            startPrinting();
        }
    }

    @Override
    public void close() {
        if (widths == null) {
            startPrinting();
        }
        out.flush();
    }

    private void startPrinting() {
        widths = new int[fields.size()];
        int used = 0;
        for (int column = 0; column < fields.size() - 1; column++) {
            int natural = fields.get(column).length();
            for (List<String> row : buffered) {
                natural = Math.max(natural, row.get(column).length());
            }
            widths[column] = Math.min(natural, MAX_COLUMN);
            used += widths[column] + GAP.length();
        }
        // On a narrow terminal the widest other columns give way until the last one has room.
        while (width - used < MIN_LAST_COLUMN && shrinkWidest()) {
            used--;
        }
        widths[fields.size() - 1] = Math.max(width - used, MIN_LAST_COLUMN);
        print(fields);
        for (List<String> row : buffered) {
            print(row);
        }
        buffered.clear();
    }

    private boolean shrinkWidest() {
        int widest = -1;
        for (int column = 0; column < widths.length - 1; column++) {
            if (widths[column] > MIN_COLUMN && (widest < 0 || widths[column] > widths[widest])) {
                widest = column;
            }
        }
        if (widest < 0) {
            return false;
        }
        widths[widest]--;
        return true;
    }

    private void print(List<String> row) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < row.size(); column++) {
            String cell = fit(row.get(column), widths[column]);
            line.append(cell);
            if (column < row.size() - 1) {
                line.append(" ".repeat(widths[column] - cell.length())).append(GAP);
            }
        }
        out.println(line);
    }

    private static String fit(String value, int width) {
        return value.length() <= width ? value : value.substring(0, Math.max(width - 1, 0)) + "…";
    }

    private static String oneLine(String value) {
        return value.indexOf('\n') < 0 && value.indexOf('\r') < 0 && value.indexOf('\t') < 0 ? value
                : value.replaceAll("[\\r\\n\\t]+", " ");
    }
}
