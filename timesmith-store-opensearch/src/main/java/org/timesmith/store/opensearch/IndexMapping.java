package org.timesmith.store.opensearch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.timesmith.core.event.Event;
import org.timesmith.core.store.EventStore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The index layout: Timesketch's mapping (message text, datetime date, timestamp long,
 * {@code timesketch_label} nested, {@code tag} keyword, every other string text with a
 * {@code .keyword} subfield of at most 256 characters, no date or number guessing from strings) plus
 * one Timesmith field, {@link #EVENT_ID}: the event id as a doc-values-only keyword, because
 * OpenSearch refuses to sort on {@code _id} and every sort ends with the id as tie-break. It is kept
 * in the stored source (so partial updates carry it over) but never returned.
 */
final class IndexMapping {

    static final String EVENT_ID = "__ts_event_id";

    private IndexMapping() {
    }

    private static ObjectNode textWithKeyword() {
        ObjectNode text = ClusterClient.JSON.createObjectNode().put("type", "text");
        text.putObject("fields").putObject("keyword").put("type", "keyword").put("ignore_above", EventStore.KEYWORD_MAX_CHARS);
        return text;
    }

    /** The body of the create-index request. */
    static ObjectNode createIndexBody(int shards, int replicas) {
        ObjectNode body = ClusterClient.JSON.createObjectNode();
        body.putObject("settings").putObject("index").put("number_of_shards", shards)
                .put("number_of_replicas", replicas);
        ObjectNode mappings = body.putObject("mappings");
        mappings.put("date_detection", false).put("numeric_detection", false);
        mappings.putArray("dynamic_templates").addObject().putObject("strings")
                .put("match_mapping_type", "string").set("mapping", textWithKeyword());
        ObjectNode properties = mappings.putObject("properties");
        properties.set(Event.MESSAGE, textWithKeyword());
        properties.putObject(Event.DATETIME).put("type", "date");
        properties.putObject(Event.TIMESTAMP).put("type", "long");
        properties.set(Event.TIMESTAMP_DESC, textWithKeyword());
        properties.putObject(Event.TIMELINE_ID).put("type", "long");
        properties.set(Event.DATA_TYPE, textWithKeyword());
        properties.putObject(Event.TAG).put("type", "keyword");
        properties.putObject(Event.LABEL).put("type", "nested");
        properties.putObject(EVENT_ID).put("type", "keyword").put("index", false).put("doc_values", true);
        return body;
    }

    /**
     * The fields Timesmith itself writes ({@link #EVENT_ID}, {@code __ts_timeline_id}, labels,
     * tags) that one index's {@code mappings} lack, as a {@code properties} object for a
     * put-mapping request; empty when all are there. An index filled by another tool has none of
     * them, and left to dynamic mapping the event id would become text, which cannot be sorted on.
     */
    static ObjectNode ownFieldsMissingFrom(JsonNode mappings) {
        JsonNode own = createIndexBody(1, 0).path("mappings").path("properties");
        ObjectNode missing = ClusterClient.JSON.createObjectNode();
        for (String name : List.of(EVENT_ID, Event.TIMELINE_ID, Event.LABEL, Event.TAG)) {
            if (!mappings.path("properties").has(name)) {
                missing.set(name, own.get(name));
            }
        }
        return missing;
    }

    /** The mapping of a dotted field in one index's {@code mappings} object, if it is mapped. */
    static Optional<JsonNode> field(JsonNode mappings, String dotted) {
        JsonNode node = mappings;
        for (String part : dotted.split("\\.", -1)) {
            JsonNode properties = node.path("properties");
            JsonNode child = properties.path(part);
            if (child.isMissingNode()) {
                // a subfield such as message.keyword
                JsonNode sub = node.path("fields").path(part);
                if (sub.isMissingNode()) {
                    return Optional.empty();
                }
                child = sub;
            }
            node = child;
        }
        return Optional.of(node);
    }

    /**
     * The field to match exact values or to aggregate on: the {@code .keyword} subfield of a text
     * field (in any of the indices), the field itself otherwise.
     */
    static String exactField(Map<String, JsonNode> mappingsByIndex, String field) {
        for (JsonNode mappings : mappingsByIndex.values()) {
            Optional<JsonNode> mapped = field(mappings, field);
            if (mapped.isPresent() && mapped.get().path("type").asString("").equals("text")
                    && mapped.get().path("fields").path("keyword").isObject()) {
                return field + ".keyword";
            }
        }
        return field;
    }

    /** Source field names of one index's mappings, dotted for objects; subfields are not source fields. */
    static void collectFieldNames(JsonNode mappings, String prefix, SortedSet<String> into) {
        for (Map.Entry<String, JsonNode> entry : mappings.path("properties").properties()) {
            String name = prefix + entry.getKey();
            JsonNode mapping = entry.getValue();
            if (name.equals(EVENT_ID)) {
                continue;
            }
            if (mapping.has("properties")) {
                collectFieldNames(mapping, name + ".", into);
            } else if (mapping.has("type") && !mapping.path("type").asString("").equals("nested")
                    && !mapping.path("type").asString("").equals("object")) {
                into.add(name);
            }
        }
    }

    static SortedSet<String> fieldNames(Map<String, JsonNode> mappingsByIndex) {
        SortedSet<String> names = new TreeSet<>();
        mappingsByIndex.values().forEach(m -> collectFieldNames(m, "", names));
        return names;
    }

    /**
     * What keeps an existing index from being searched as a timeline: the Timesketch fields it
     * lacks, or a {@code datetime} not mapped as a date. Empty when the index is fine.
     */
    static List<String> adoptionProblems(String index, JsonNode mappings) {
        List<String> problems = new ArrayList<>();
        for (String required : List.of(Event.MESSAGE, Event.TIMESTAMP, Event.DATETIME)) {
            if (field(mappings, required).isEmpty()) {
                problems.add("index " + index + ": field '" + required + "' is missing");
            }
        }
        field(mappings, Event.DATETIME).ifPresent(datetime -> {
            String type = datetime.path("type").asString(datetime.has("properties") ? "object" : "");
            if (!type.equals("date") && !type.equals("date_nanos")) {
                problems.add("index " + index + ": field 'datetime' is mapped as " + type + ", not as a date");
            }
        });
        return problems;
    }
}
