package org.timesmith.core.normalize;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.timesmith.core.reader.SourceRecord;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the small Timesketch fixture files straight into {@link SourceRecord}s for the
 * normaliser's conformance tests, without the production readers (built elsewhere): CSV through
 * FastCSV with the first row as header and every value a string, JSONL through Jackson.
 */
final class FixtureRecords {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private FixtureRecords() {
    }

    /** The Timesketch fixture folder, or the test is skipped with a notice saying which path is missing. */
    static Path timesketchFixtures() {
        Path root = Path.of(System.getProperty("timesmith.fixtures", "../shared/fixtures")).resolve("timesketch");
        if (!Files.isDirectory(root)) {
            System.out.println("NOTICE: skipping Timesketch conformance tests, fixtures not found at "
                    + root.toAbsolutePath());
        }
        Assumptions.assumeTrue(Files.isDirectory(root), "fixtures not found at " + root.toAbsolutePath());
        return root;
    }

    static List<SourceRecord> read(Path file) {
        return file.getFileName().toString().endsWith(".jsonl") ? jsonl(file) : csv(file);
    }

    private static List<SourceRecord> csv(Path file) {
        List<SourceRecord> records = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file, StandardCharsets.UTF_8)) {
            List<String> header = null;
            for (CsvRecord row : reader) {
                if (header == null) {
                    header = row.getFields();
                    continue;
                }
                Map<String, Object> fields = new LinkedHashMap<>();
                for (int i = 0; i < header.size() && i < row.getFieldCount(); i++) {
                    fields.put(header.get(i), row.getField(i));
                }
                records.add(new SourceRecord(records.size() + 1, row.getStartingLineNumber(), fields));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    private static List<SourceRecord> jsonl(Path file) {
        List<SourceRecord> records = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).isBlank()) {
                    Map<String, Object> fields = JSON.readValue(lines.get(i), new TypeReference<LinkedHashMap<String, Object>>() {
                    });
                    records.add(new SourceRecord(records.size() + 1, i + 1, fields));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }
}
