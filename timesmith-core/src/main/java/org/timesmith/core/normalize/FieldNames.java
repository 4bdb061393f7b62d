package org.timesmith.core.normalize;

/**
 * Field-name cleaning, applied to every top-level name after {@code headersMapping}: surrounding
 * whitespace and byte-order marks are removed; a name left empty becomes {@code column_<n>} (n =
 * the field's 1-based position in the record); a name starting with {@code _} gets the prefix
 * {@code field_} ({@code _id} → {@code field__id}, {@code __ts_timeline_id} →
 * {@code field___ts_timeline_id}). OpenSearch reserves {@code _id}, {@code _index},
 * {@code _source}, {@code _type} and other underscore names, and {@code __ts_*} is Timesmith's own
 * namespace (set by the normaliser, never taken from input), so these values are kept under the
 * safe name instead of being dropped as Timesketch drops them. A name whose dots would make an
 * empty path segment ({@code .a}, {@code a.}, {@code a..b}), which OpenSearch refuses for the whole
 * document, has its dots replaced by {@code _}.
 */
final class FieldNames {

    static final String RENAMED_PREFIX = "field_";

    private FieldNames() {
    }

    static String clean(String name, int position) {
        int length = name.length();
        if (length > 0) {
            char first = name.charAt(0);
            if (first > ' ' && first != '\uFEFF' && first != '_' && first != '.' && name.charAt(length - 1) > ' ') {
                return name.indexOf('.') < 0 ? name : safeDots(name);
            }
        }
        int start = 0;
        int end = length;
        while (start < end && (name.charAt(start) == '\uFEFF' || Character.isWhitespace(name.charAt(start)))) {
            start++;
        }
        while (end > start && (name.charAt(end - 1) == '\uFEFF' || Character.isWhitespace(name.charAt(end - 1)))) {
            end--;
        }
        if (start == end) {
            return "column_" + position;
        }
        String trimmed = safeDots(name.substring(start, end));
        return trimmed.charAt(0) == '_' ? RENAMED_PREFIX + trimmed : trimmed;
    }

    private static String safeDots(String name) {
        if (name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
            return name.replace('.', '_');
        }
        return name;
    }
}
