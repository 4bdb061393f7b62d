package org.timesmith.core.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.timesmith.core.reader.ReaderTestSupport.fixture;
import static org.timesmith.core.reader.ReaderTestSupport.gzip;
import static org.timesmith.core.reader.ReaderTestSupport.options;
import static org.timesmith.core.reader.ReaderTestSupport.readAll;
import static org.timesmith.core.reader.ReaderTestSupport.readInto;
import static org.timesmith.core.reader.ReaderTestSupport.records;
import static org.timesmith.core.reader.ReaderTestSupport.rejections;
import static org.timesmith.core.reader.ReaderTestSupport.write;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** JSON Lines, JSON documents and records handed over by code. */
class JsonReadersTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} has {1} records")
    @CsvSource({
            "e2e_test_data/sigma_events.jsonl, 4",
            "test_events/large_field_event.jsonl, 3",
            "test_events/sigma_events.jsonl, 5",
            "test_events/validate_time_precision_jsonl.jsonl, 2",
    })
    void readsTimesketchJsonlFixturesWithExpectedCounts(String name, int records) {
        Path file = fixture("timesketch/" + name);
        assertThat(Readers.detect(file)).isEqualTo(Format.JSONL);
        List<ReadItem> items = readAll(Readers.open(file, options(file)));
        assertThat(rejections(items)).isEmpty();
        assertThat(records(items)).hasSize(records);
    }

    @Test
    void jsonlKeepsNestedValuesAndIntegersAsLong() {
        Path file = write(dir, "nested.jsonl", """
                {"message": "m", "timestamp": 1331698658276340, "small": 7, "ratio": 0.5, "ok": true, \
                "user": {"name": "alice", "groups": ["a", "b"]}, "none": null}
                """);
        SourceRecord record = records(readAll(Readers.open(file, options(file)))).getFirst();
        assertThat(record.fields())
                .containsEntry("timestamp", 1331698658276340L)
                .containsEntry("small", 7L)
                .containsEntry("ratio", 0.5)
                .containsEntry("ok", true)
                .containsEntry("user", Map.of("name", "alice", "groups", List.of("a", "b")))
                .containsEntry("none", null);
    }

    @Test
    void badJsonlLinesAreRejectedAndReadingGoesOn() {
        Path file = write(dir, "mixed.jsonl", """
                {"message": "one"}
                {"message": "two"

                [1, 2]
                "just a string"
                {"message": "three"} 5
                {"message": "four"}
                """);
        List<ReadItem> items = readAll(Readers.open(file, options(file)));
        assertThat(records(items)).extracting(r -> r.fields().get("message")).containsExactly("one", "four");
        assertThat(records(items)).extracting(SourceRecord::line).containsExactly(1L, 7L);
        List<Rejection> rejections = rejections(items);
        assertThat(rejections).extracting(Rejection::line).containsExactly(2L, 4L, 5L, 6L);
        assertThat(rejections).extracting(Rejection::recordNumber).containsExactly(2L, 3L, 4L, 5L);
        assertThat(rejections.get(0).reason()).startsWith("invalid JSON");
        assertThat(rejections.get(1).reason()).isEqualTo("not a JSON object (starts with an array)");
        assertThat(rejections.get(3).reason()).isEqualTo("more JSON (a number) after the object, at column 22");
        assertThat(items).hasSize(6);
    }

    @Test
    void jsonlEmptyFileIsAnErrorAndBlankOnlyToo() {
        Path empty = write(dir, "empty.jsonl", "");
        Path blank = write(dir, "blank.jsonl", "\n  \n");
        assertThatThrownBy(() -> JsonLinesEventReader.open(empty, options(empty, Format.JSONL)))
                .isInstanceOf(InputFormatException.class).hasMessageContaining("empty.jsonl: the file is empty");
        assertThatThrownBy(() -> JsonLinesEventReader.open(blank, options(blank, Format.JSONL)))
                .isInstanceOf(InputFormatException.class).hasMessageContaining("blank.jsonl: the file is empty");
    }

    @Test
    void jsonlTwentyMegabyteStringIsReadWhole() throws IOException {
        Path file = dir.resolve("big.jsonl");
        int size = 20 * 1024 * 1024;
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("{\"message\": \"big\", \"blob\": \"");
            char[] chunk = new char[64 * 1024];
            Arrays.fill(chunk, 'y');
            for (int written = 0; written < size; written += chunk.length) {
                out.write(chunk);
            }
            out.write("\"}\n{\"message\": \"small\"}\n");
        }
        List<SourceRecord> records = records(readAll(Readers.open(file, options(file))));
        assertThat(records).hasSize(2);
        assertThat((String) records.getFirst().fields().get("blob")).hasSize(size);
    }

    @Test
    void jsonlInvalidUtf8IsReplacedAndCounted() {
        byte[] head = "{\"message\": \"caf".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"}\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + 1 + tail.length];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte) 0xE9;
        System.arraycopy(tail, 0, bytes, head.length + 1, tail.length);
        Path file = write(dir, "latin1.jsonl", bytes);
        EventReader reader = Readers.open(file, options(file));
        assertThat(records(readAll(reader)).getFirst().fields()).containsEntry("message", "caf\uFFFD");
        assertThat(reader.invalidCharactersReplaced()).isEqualTo(1);
    }

    @Test
    void jsonArrayOfObjects() {
        Path file = write(dir, "events.json", """
                [
                  {"message": "one", "nested": {"a": [1, 2]}},
                  {"message": "two"}
                ]
                """);
        assertThat(Readers.detect(file)).isEqualTo(Format.JSON);
        List<SourceRecord> records = records(readAll(Readers.open(file, options(file))));
        assertThat(records).extracting(SourceRecord::line).containsExactly(2L, 3L);
        assertThat(records.getFirst().fields()).containsEntry("nested", Map.of("a", List.of(1L, 2L)));
    }

    @Test
    void jsonSingleObjectPrettyPrinted() {
        Path file = write(dir, "one.json", "{\n  \"message\": \"only\",\n  \"n\": 1\n}\n");
        assertThat(Readers.detect(file)).isEqualTo(Format.JSON);
        assertThat(records(readAll(Readers.open(file, options(file))))).singleElement()
                .satisfies(r -> assertThat(r.fields()).containsEntry("message", "only"));
    }

    @Test
    void jsonArrayElementThatIsNotAnObjectIsRejected() {
        Path file = write(dir, "mixed.json", "[{\"message\": \"a\"}, 42, [1], {\"message\": \"b\"}]");
        List<ReadItem> items = readAll(Readers.open(file, options(file)));
        assertThat(records(items)).extracting(SourceRecord::recordNumber).containsExactly(1L, 4L);
        assertThat(rejections(items)).extracting(Rejection::reason)
                .containsExactly("array element is a number, not a JSON object",
                        "array element is an array, not a JSON object");
    }

    @Test
    void cutOffJsonArrayKeepsRecordsThenNamesThePosition() {
        Path file = write(dir, "cut.json", "[\n{\"message\": \"a\"},\n{\"message\": \"b\"},\n{\"message\": \"c");
        List<ReadItem> items = new ArrayList<>();
        assertThatThrownBy(() -> readInto(Readers.open(file, options(file)), items))
                .isInstanceOf(InputFormatException.class)
                .hasMessageContaining("cut.json")
                .hasMessageContaining("line 4")
                .hasMessageContaining("after 2 records");
        assertThat(records(items)).hasSize(2);
    }

    @Test
    void unclosedJsonArrayIsAnError() {
        Path file = write(dir, "open.json", "[{\"message\": \"a\"}\n");
        List<ReadItem> items = new ArrayList<>();
        assertThatThrownBy(() -> readInto(Readers.open(file, options(file)), items))
                .isInstanceOf(InputFormatException.class).hasMessageContaining("open.json");
        assertThat(items).hasSize(1);
    }

    @Test
    void truncatedGzipJsonKeepsRecordsThenFails() {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < 40_000; i++) {
            text.append(i == 0 ? "" : ",").append("{\"message\": \"event ").append(i).append("\", \"n\": ")
                    .append(i * 31L).append("}\n");
        }
        byte[] whole = gzip(text.append("]").toString().getBytes(StandardCharsets.UTF_8));
        Path file = write(dir, "cut.json.gz", Arrays.copyOf(whole, whole.length / 2));
        assertThat(Readers.detect(file)).isEqualTo(Format.JSON);
        List<ReadItem> items = new ArrayList<>();
        assertThatThrownBy(() -> readInto(Readers.open(file, options(file)), items))
                .isInstanceOf(InputFormatException.class).hasMessageContaining("cut.json.gz");
        assertThat(records(items)).hasSizeGreaterThan(1000);
    }

    @Test
    void emptyJsonIsAnErrorButAnEmptyArrayIsZeroRecords() {
        Path empty = write(dir, "empty.json", "  \n");
        Path none = write(dir, "none.json", "[]");
        assertThatThrownBy(() -> JsonEventReader.open(empty, options(empty, Format.JSON)))
                .isInstanceOf(InputFormatException.class).hasMessageContaining("empty.json: the file is empty");
        assertThat(readAll(Readers.open(none, options(none)))).isEmpty();
    }

    @Test
    void recordsFromMapsAreCopiedAndNumbered() {
        Map<String, Object> first = new LinkedHashMap<>(Map.of("message", "a", "nested", Map.of("k", 1)));
        List<Map<String, Object>> maps = new ArrayList<>();
        maps.add(first);
        maps.add(null);
        maps.add(Map.of("message", "b"));
        List<ReadItem> items = readAll(RecordsEventReader.ofMaps("api", maps.iterator()));
        first.put("message", "changed later");
        assertThat(records(items)).extracting(SourceRecord::recordNumber).containsExactly(1L, 3L);
        assertThat(records(items).getFirst().fields()).containsEntry("message", "a");
        assertThat(rejections(items)).singleElement()
                .satisfies(r -> assertThat(r.describe()).isEqualTo("api record 2: record is null"));
    }

    @Test
    void recordsFromJsonStringsRejectBadOnesAndCountBytes() {
        EventReader reader = RecordsEventReader.ofJson("api",
                List.of("{\"message\": \"é\"}", "{broken", "{\"message\": \"ok\"}").iterator());
        List<ReadItem> items = readAll(reader);
        assertThat(records(items)).extracting(r -> r.fields().get("message")).containsExactly("é", "ok");
        assertThat(rejections(items)).singleElement().satisfies(r -> {
            assertThat(r.recordNumber()).isEqualTo(2);
            assertThat(r.reason()).startsWith("invalid JSON");
        });
        assertThat(reader.bytesRead()).isEqualTo(17 + 7 + 17);
    }
}
