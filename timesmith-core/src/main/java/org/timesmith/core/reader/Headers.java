package org.timesmith.core.reader;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the cells of a header row into field names: trimmed, an empty cell named
 * {@code column_<n>} (1-based position), and a repeated name suffixed {@code _2}, {@code _3}, …
 * so that no column's values are lost to a name clash.
 */
final class Headers {

    private Headers() {
    }

    static List<String> fieldNames(List<String> cells) {
        List<String> names = new ArrayList<>(cells.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < cells.size(); i++) {
            String base = cells.get(i) == null ? "" : cells.get(i).strip();
            if (base.isEmpty()) {
                base = "column_" + (i + 1);
            }
            String name = base;
            for (int suffix = 2; !seen.add(name); suffix++) {
                name = base + "_" + suffix;
            }
            names.add(name);
        }
        return List.copyOf(names);
    }
}
