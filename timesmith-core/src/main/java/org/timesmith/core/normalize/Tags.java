package org.timesmith.core.normalize;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code tag} values as Timesketch normalises them: always a list of non-empty strings. A list is
 * kept (its elements as text); a string {@code "[...]"} is read as a JSON list, or, when it is not
 * JSON (Python's {@code ['a', 'b']} from pandas), as a bracketed comma-separated list with quotes
 * removed; {@code "-"} and blank mean no tags; any other string is split at commas; any other value
 * becomes a one-element list.
 */
final class Tags {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private Tags() {
    }

    static List<String> normalise(Object value) {
        List<String> tags = new ArrayList<>();
        switch (value) {
            case null -> {
            }
            case List<?> list -> {
                for (Object element : list) {
                    if (element != null) {
                        add(tags, PythonFormat.str(element));
                    }
                }
            }
            case String text -> fromText(tags, text.strip());
            default -> add(tags, PythonFormat.str(value));
        }
        return tags;
    }

    private static void fromText(List<String> tags, String text) {
        if (text.equals("-") || text.isEmpty()) {
            return;
        }
        if (text.startsWith("[") && text.endsWith("]")) {
            try {
                for (Object element : JSON.readValue(text, List.class)) {
                    if (element != null) {
                        add(tags, PythonFormat.str(element));
                    }
                }
                return;
            } catch (JacksonException notJson) {
                text = text.substring(1, text.length() - 1);
            }
        }
        for (String piece : text.split(",")) {
            String tag = piece.strip();
            if (tag.length() >= 2 && (tag.charAt(0) == '\'' || tag.charAt(0) == '"')
                    && tag.charAt(tag.length() - 1) == tag.charAt(0)) {
                tag = tag.substring(1, tag.length() - 1);
            }
            add(tags, tag);
        }
    }

    private static void add(List<String> tags, String tag) {
        String stripped = tag.strip();
        if (!stripped.isEmpty()) {
            tags.add(stripped);
        }
    }
}
