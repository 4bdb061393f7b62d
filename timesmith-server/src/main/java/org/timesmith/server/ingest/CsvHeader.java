package org.timesmith.server.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * The column names of a CSV header line, for checking an upload's headers mapping before the import
 * starts: split at the delimiter outside double quotes, {@code ""} inside quotes being one quote.
 */
final class CsvHeader {

    private static final char[] CANDIDATES = {',', ';', '\t', '|'};

    private CsvHeader() {
    }

    /** The candidate delimiter that occurs most often outside quotes (a comma when none does). */
    static char detect(String line) {
        char best = ',';
        int bestCount = 0;
        for (char candidate : CANDIDATES) {
            int count = split(line, candidate).size() - 1;
            if (count > bestCount) {
                best = candidate;
                bestCount = count;
            }
        }
        return best;
    }

    static List<String> split(String line, char delimiter) {
        List<String> columns = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    current.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == delimiter) {
                columns.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        columns.add(current.toString().strip());
        return columns;
    }
}
