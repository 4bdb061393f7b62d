package org.timesmith.server.explore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStream;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.api.ApiException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Timesketch's data finder: named rules (a YAML file, {@code timesmith.data-finder-rules}, by
 * default {@code data_finder.yaml} in the data directory) that tell whether a time range of a
 * sketch holds some kind of data. A rule has a {@code query_string} or {@code query_dsl} and may
 * add an {@code attribute} whose value must match a {@code regular_expression}. Each answer is
 * Timesketch's pair: found or not, and why.
 */
@Service
public class DataFinder {

    private final ExploreQueries queries;
    private final ExploreSearch search;
    private final Path rulesFile;

    DataFinder(ExploreQueries queries, ExploreSearch search, @Value("${timesmith.data-finder-rules:}") String rulesFile,
               @Value("${timesmith.home}") Path home) {
        this.queries = queries;
        this.search = search;
        this.rulesFile = rulesFile.isBlank() ? home.resolve("data_finder.yaml") : Path.of(rulesFile);
    }

    /** One {@code {rule: [found, message]}} per rule name, in the order asked. */
    public List<Map<String, List<Object>>> find(SketchAccess access, String startDate, String endDate,
                                                List<Long> timelineIds, List<String> ruleNames) {
        if (startDate == null || startDate.isBlank() || endDate == null || endDate.isBlank()) {
            throw ApiException.badRequest("Unable to run the data finder: start_date and end_date are needed.");
        }
        if (ruleNames.isEmpty()) {
            throw ApiException.badRequest("Unable to run the data finder: rule_names is empty.");
        }
        JsonNode rules = rules();
        List<Map<String, List<Object>>> results = new ArrayList<>();
        for (String name : ruleNames) {
            JsonNode rule = rules.get(name);
            if (rule == null || !rule.isObject()) {
                throw ApiException.badRequest("No data finder rule named " + name + " in " + rulesFile + ".");
            }
            Map<String, List<Object>> result = new LinkedHashMap<>();
            result.put(name, run(access, rule, startDate, endDate, timelineIds));
            results.add(result);
        }
        return results;
    }

    private List<Object> run(SketchAccess access, JsonNode rule, String start, String end, List<Long> timelineIds) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("query", rule.path("query_string").asString(""));
        if (rule.has("query_dsl")) {
            body.set("dsl", rule.get("query_dsl"));
        }
        ObjectNode filter = body.putObject("filter");
        if (timelineIds.isEmpty()) {
            filter.put("indices", "_all");
        } else {
            timelineIds.forEach(filter.putArray("indices")::add);
        }
        ObjectNode chip = filter.putArray("chips").addObject();
        chip.put("type", "datetime_range");
        chip.put("value", start + "," + end);
        chip.put("active", true);
        chip.put("operator", "must");
        ExploreQuery query = queries.parse(access, body);
        String attribute = rule.path("attribute").asString("");
        String expression = rule.path("regular_expression").asString("");
        if (attribute.isEmpty() || expression.isEmpty()) {
            return search.countOf(query) > 0 ? List.of(true, "Data discovered") : List.of(false, "No hits discovered");
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(expression);
        } catch (PatternSyntaxException e) {
            throw ApiException.badRequest("The data finder rule's regular_expression is invalid: " + e.getDescription());
        }
        try (EventStream events = search.stream(query)) {
            while (events.hasNext()) {
                StoredEvent event = events.next();
                Object value = event.source().get(attribute);
                if (value != null && pattern.matcher(String.valueOf(value)).find()) {
                    return List.of(true, "Data discovered using Regular Expression");
                }
            }
        }
        return List.of(false, "No hits discovered");
    }

    private JsonNode rules() {
        if (!Files.isRegularFile(rulesFile)) {
            throw ApiException.badRequest("No data finder rules: " + rulesFile
                    + " does not exist (set timesmith.data-finder-rules).");
        }
        try {
            JsonNode rules = new YAMLMapper().readTree(Files.readString(rulesFile));
            if (rules == null || !rules.isObject()) {
                throw ApiException.badRequest("The data finder rules in " + rulesFile + " are not a YAML mapping.");
            }
            return rules;
        } catch (IOException | tools.jackson.core.JacksonException e) {
            throw ApiException.badRequest("The data finder rules in " + rulesFile + " cannot be read: " + e.getMessage());
        }
    }
}
