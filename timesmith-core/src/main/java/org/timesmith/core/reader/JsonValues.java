package org.timesmith.core.reader;

import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON parsing the JSON readers share: integers become {@code Long} (so a field has one type
 * whatever its magnitude), nested objects and arrays stay nested as maps and lists, and strings may
 * be as long as the CSV reader's fields (Jackson's default cap of 20 M characters would reject
 * large forensic blobs that the normaliser's own limit should judge).
 */
final class JsonValues {

    static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxStringLength(CsvEventReader.MAX_FIELD_CHARS)
                            .build())
                    .build())
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            // Records are bound one at a time from a longer stream; what follows is the next record.
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private JsonValues() {
    }

    /** The object the parser's current START_OBJECT token begins. */
    static Map<String, Object> readObject(JsonParser parser) {
        return MAPPER.readValue(parser, OBJECT);
    }

    /**
     * One JSON text that must be a single object, as a record or a rejection saying what is wrong
     * with it.
     */
    static ReadItem parseRecord(String json, String sourceName, long recordNumber, long line) {
        try (JsonParser parser = MAPPER.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                return Rejection.of(sourceName, recordNumber, line, "not a JSON object (starts with "
                        + (first == null ? "nothing" : describe(first)) + ")");
            }
            Map<String, Object> fields = readObject(parser);
            JsonToken after = parser.nextToken();
            if (after != null) {
                return Rejection.of(sourceName, recordNumber, line, "more JSON (" + describe(after)
                        + ") after the object, at column " + parser.currentTokenLocation().getColumnNr());
            }
            return new SourceRecord(recordNumber, line, fields);
        } catch (JacksonException e) {
            return Rejection.of(sourceName, recordNumber, line, "invalid JSON: " + e.getOriginalMessage()
                    + columnOf(e));
        }
    }

    static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : "'" + token.asString() + "'";
        };
    }

    private static String columnOf(JacksonException e) {
        return e.getLocation() == null ? "" : " (column " + e.getLocation().getColumnNr() + ")";
    }
}
