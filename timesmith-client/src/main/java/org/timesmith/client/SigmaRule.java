package org.timesmith.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Sigma rule stored on the server: every key of the parsed rule plus the converted query under
 * both of its names, {@code es_query} (as the API client page prints it) and {@code search_query}
 * (newer Timesketch servers). Whichever one the server sent, {@link #data()} holds both with the
 * same value.
 */
public record SigmaRule(Map<String, Object> data) {

    public SigmaRule {
        Map<String, Object> copy = new LinkedHashMap<>(data);
        Object query = copy.get("search_query") != null ? copy.get("search_query") : copy.get("es_query");
        if (query != null) {
            copy.putIfAbsent("search_query", query);
            copy.putIfAbsent("es_query", query);
        }
        data = Collections.unmodifiableMap(copy);
    }

    public String ruleUuid() {
        return text("rule_uuid").isEmpty() ? text("id") : text("rule_uuid");
    }

    public String title() {
        return text("title");
    }

    public String description() {
        return text("description");
    }

    /** The rule converted to a query string the server can run. */
    public String searchQuery() {
        return text("search_query").isEmpty() ? text("es_query") : text("search_query");
    }

    /** Same as {@link #searchQuery()}: the page's {@code es_query}. */
    public String esQuery() {
        return searchQuery();
    }

    private String text(String key) {
        Object value = data.get(key);
        return value == null ? "" : value.toString();
    }
}
