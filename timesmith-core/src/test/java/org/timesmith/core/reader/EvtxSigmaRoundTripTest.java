package org.timesmith.core.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.timesmith.core.reader.ReaderTestSupport.options;
import static org.timesmith.core.reader.ReaderTestSupport.readAll;
import static org.timesmith.core.reader.ReaderTestSupport.records;
import static org.timesmith.core.reader.ReaderTestSupport.rejections;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timesmith.core.reader.WindowsEventXml.Element;
import org.timesmith.core.reader.evtx.EvtxJsonEvents;
import org.timesmith.core.reader.evtx.EvtxWriter;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;

/**
 * SigmaHQ's regression events (evtx JSON, {@code sigma/regression_data} in the shared fixtures) written
 * as {@code .evtx} and read back give exactly the Sigma fields {@link WindowsEventRecords} gives the
 * JSON, and their {@code xml_string} every dotted original: the proof that an {@code .evtx} file and
 * its JSON dump match the same Sigma rules. Values are compared as text, because JSON's integer width
 * is not the record's type.
 */
class EvtxSigmaRoundTripTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void regressionEventsThroughEvtxHaveTheFieldsOfTheirJson() throws IOException {
        Path root = Path.of(System.getProperty("timesmith.fixtures", "../shared/fixtures"), "sigma", "regression_data");
        if (!Files.isDirectory(root)) {
            System.out.println("SKIPPED: fixture not found: " + root.toAbsolutePath());
        }
        assumeTrue(Files.isDirectory(root), "fixture not found: " + root);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        List<Map<String, Object>> expected = new ArrayList<>();
        List<Element> events = new ArrayList<>();
        for (Path file : files) {
            try (MappingIterator<Map<String, Object>> values = JSON.readerFor(Map.class)
                    .readValues(Files.readString(file, StandardCharsets.UTF_8))) {
                while (values.hasNextValue()) {
                    Map<String, Object> record = values.nextValue();
                    expected.add(WindowsEventRecords.flatten(record));
                    events.add(EvtxJsonEvents.element(record));
                }
            }
        }
        assertThat(files).hasSizeGreaterThan(50);
        Path evtx = dir.resolve("regression.evtx");
        EvtxWriter.write(evtx, events, Instant.parse("2025-01-01T00:00:00Z"));

        List<ReadItem> items = readAll(Readers.open(evtx, options(evtx)));
        assertThat(rejections(items)).isEmpty();
        List<SourceRecord> records = records(items);
        assertThat(records).hasSize(expected.size());
        for (int i = 0; i < records.size(); i++) {
            Map<String, Object> read = records.get(i).fields();
            Map<String, String> fromJson = asText(expected.get(i));
            Map<String, String> fromEvtx = asText(read);
            fromEvtx.keySet().retainAll(fromJson.keySet());
            Map<String, String> sigmaNames = new LinkedHashMap<>(fromJson);
            sigmaNames.keySet().removeIf(name -> name.startsWith("Event."));
            assertThat(fromEvtx).as("event %d (%s)", i, expected.get(i).get("EventID")).isEqualTo(sigmaNames);
            assertThat(asText(WindowsEventRecords.flattenXml((String) read.get("xml_string"))))
                    .as("event %d's XML holds every original", i).isEqualTo(fromJson);
            assertThat(read.get("data_type")).isEqualTo("windows:evtx:record");
        }
    }

    private static Map<String, String> asText(Map<String, Object> fields) {
        Map<String, String> text = new LinkedHashMap<>();
        fields.forEach((name, value) -> text.put(name, String.valueOf(value)));
        return text;
    }
}
