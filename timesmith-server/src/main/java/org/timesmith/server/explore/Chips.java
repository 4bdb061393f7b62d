package org.timesmith.server.explore;

import java.util.ArrayList;
import java.util.List;
import org.timesmith.core.event.Event;
import org.timesmith.core.search.Filter;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.api.WireValues;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Explore chips (§10.3) as store filters: {@code term} → exact value (must / must_not; should
 * does not narrow), {@code label} → this sketch's label (always must, as Timesketch does),
 * {@code datetime_range} and {@code datetime_interval} → time ranges combined with OR.
 */
final class Chips {

    private Chips() {
    }

    static void apply(long sketchId, JsonNode chips, SearchRequest.Builder request, List<JsonNode> dslParts) {
        if (chips == null || chips.isNull()) {
            return;
        }
        if (!chips.isArray()) {
            throw ApiException.badRequest("filter.chips must be a list.");
        }
        List<long[]> ranges = new ArrayList<>();
        for (JsonNode chip : chips) {
            if (chip.has("active") && !WireValues.bool(chip.get("active"))) {
                continue;
            }
            String type = chip.path("type").asString("");
            String operator = chip.path("operator").asString("must");
            boolean exclude = operator.equals("must_not");
            String value = chip.path("value").isValueNode() ? chip.path("value").asString("") : chip.path("value").toString();
            switch (type) {
                case "term" -> {
                    String field = chip.path("field").asString("");
                    if (field.isBlank()) {
                        throw ApiException.badRequest("A term chip needs a field.");
                    }
                    if (!operator.equals("should")) {
                        request.filter(new Filter.Term(field.endsWith(".keyword")
                                ? field.substring(0, field.length() - ".keyword".length()) : field, value, exclude));
                    }
                }
                case "label" -> request.filter(new Filter.Label(sketchId, value, false));
                case "datetime_range" -> {
                    String[] sides = value.split(",");
                    if (sides.length != 2) {
                        throw ApiException.badRequest("A datetime_range chip value is \"<start>,<end>\", got " + value);
                    }
                    add(ranges, request, new long[] {ChipTimes.start(sides[0]), ChipTimes.end(sides[1])}, exclude);
                }
                case "datetime_interval" -> {
                    String[] tokens = value.trim().split("\\s+");
                    if (tokens.length != 3 && tokens.length != 4) {
                        throw ApiException.badRequest("A datetime_interval chip value is \"<date> -5m +5m\", got " + value);
                    }
                    String date = tokens.length == 4 ? tokens[0] + "T" + tokens[1] : tokens[0];
                    String before = tokens[tokens.length - 2];
                    String after = tokens[tokens.length - 1];
                    if (!before.startsWith("-") || !after.startsWith("+")) {
                        throw ApiException.badRequest("A datetime_interval chip value is \"<date> -5m +5m\", got " + value);
                    }
                    long centre = ChipTimes.start(date);
                    add(ranges, request, new long[] {centre - ChipTimes.duration(before.substring(1)),
                            centre + ChipTimes.duration(after.substring(1))}, exclude);
                }
                default -> throw ApiException.badRequest("Unknown chip type " + type
                        + "; use term, label, datetime_range or datetime_interval.");
            }
        }
        if (ranges.size() == 1) {
            request.filter(new Filter.TimeRange(ranges.get(0)[0], ranges.get(0)[1], false));
        } else if (ranges.size() > 1) {
            ObjectNode any = JsonNodeFactory.instance.objectNode();
            ObjectNode bool = any.putObject("bool");
            ArrayNode should = bool.putArray("should");
            for (long[] range : ranges) {
                ObjectNode bounds = should.addObject().putObject("range").putObject(Event.TIMESTAMP);
                bounds.put("gte", range[0]);
                bounds.put("lte", range[1]);
            }
            bool.put("minimum_should_match", 1);
            dslParts.add(any);
        }
    }

    private static void add(List<long[]> ranges, SearchRequest.Builder request, long[] range, boolean exclude) {
        if (range[0] > range[1]) {
            throw ApiException.badRequest("A datetime chip ends before it starts.");
        }
        if (exclude) {
            request.filter(new Filter.TimeRange(range[0], range[1], true));
        } else {
            ranges.add(range);
        }
    }
}
