package org.timesmith.server.sigma;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Sigma rule as installed on the server: its YAML as uploaded, the fields lists show and search
 * by (title, status, level, tags, log source), the query it converted to when it was installed, and
 * whether it runs live on every imported event.
 *
 * @param tags      the rule's tags separated by spaces (tags never contain one), as stored
 * @param logsource the rule's log source as {@code key:value} pairs separated by spaces, as stored
 */
public record StoredSigmaRule(long id, String ruleUuid, long userId, String title, String description, String status,
                              String queryString, String ruleYaml, String createdAt, String updatedAt, boolean live,
                              String level, String tags, String logsource) {

    public List<String> tagList() {
        return tags.isBlank() ? List.of() : Arrays.asList(tags.trim().split(" +"));
    }

    public Map<String, String> logsourceMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : logsource.trim().split(" +")) {
            int colon = pair.indexOf(':');
            if (colon > 0) {
                map.put(pair.substring(0, colon), pair.substring(colon + 1));
            }
        }
        return map;
    }
}
