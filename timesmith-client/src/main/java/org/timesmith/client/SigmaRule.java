package org.timesmith.client;

import java.util.Collections;
import java.util.Map;

/**
 * A Sigma rule stored on the server: every key of the parsed rule plus the converted query
 * ({@code search_query}, or {@code es_query} on older servers).
 */
public record SigmaRule(Map<String, Object> data) {

    public SigmaRule {
        data = Collections.unmodifiableMap(data);
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

    private String text(String key) {
        Object value = data.get(key);
        return value == null ? "" : value.toString();
    }
}
