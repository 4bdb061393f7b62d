package org.timesmith.core.reader.plaso;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timesmith.core.reader.EventReader;
import org.timesmith.core.reader.ReadItem;
import org.timesmith.core.reader.ReaderOptions;
import org.timesmith.core.reader.Rejection;
import org.timesmith.core.reader.SourceRecord;

/** Format variants and value encodings the fixtures do not cover, on small files written by the test. */
class PlasoFormatsTest {

    @TempDir
    Path dir;

    private static final String OS_PATH_SPEC =
            "{\"type_indicator\": \"OS\", \"__type__\": \"PathSpec\", \"location\": \"/evidence/syslog\"}";

    private static List<ReadItem> readAll(Path file, PlasoReader.Duplicates duplicates) throws IOException {
        List<ReadItem> items = new ArrayList<>();
        try (EventReader reader = PlasoReader.open(file, ReaderOptions.auto("t.plaso"), duplicates)) {
            reader.forEachRemaining(items::add);
        }
        return items;
    }

    private static Map<Long, Map<String, Object>> records(List<ReadItem> items) {
        Map<Long, Map<String, Object>> byId = new LinkedHashMap<>();
        items.stream().filter(SourceRecord.class::isInstance).map(SourceRecord.class::cast)
                .forEach(record -> byId.put(record.recordNumber(), record.fields()));
        return byId;
    }

    @Test
    void uncompressedJsonIsRead() throws IOException {
        Path file = new SyntheticPlaso().metadata("compression_format", "none")
                .eventData(SyntheticPlaso.eventDataJson("syslog:line", "\"_parser_chain\": \"text/syslog\", "
                        + "\"reporter\": \"sshd\", \"pid\": 42, \"severity\": \"INFO\", \"message_body\": \"Accepted key\""))
                .event("event_data.1", 1_700_000_000_123_456L, "Content Modification Time")
                .write(dir.resolve("none.plaso"));

        assertThat(records(readAll(file, PlasoReader.Duplicates.REJECT_LIKE_PSORT)).get(1L))
                .containsEntry("message", "INFO [sshd, pid: 42] Accepted key")
                .containsEntry("datetime", "2023-11-14T22:13:20.123456+00:00")
                .containsEntry("timestamp", 1_700_000_000_123_456L)
                .containsEntry("parser", "text/syslog")
                .containsEntry("display_name", "-")
                .containsEntry("source_short", "LOG");
    }

    @Test
    void integerRowLinksOfFormats20210621To20220716AreFollowed() throws IOException {
        Path file = new SyntheticPlaso().metadata("format_version", "20220716").integerLinks()
                .stream(OS_PATH_SPEC)
                .eventData(SyntheticPlaso.eventDataJson("bash:history:entry",
                        "\"parser\": \"bash_history\", \"_event_data_stream_row_identifier\": 1, \"command\": \"ls -la\""))
                .event(1L, 10L, "Last Written Time")
                .tag(1L, "[\"suspicious\"]")
                .write(dir.resolve("2022.plaso"));

        assertThat(records(readAll(file, PlasoReader.Duplicates.REJECT_LIKE_PSORT)).get(1L))
                .containsEntry("message", "Command executed: ls -la")
                .containsEntry("source_long", "Bash History")
                .containsEntry("parser", "bash_history")
                .containsEntry("tag", List.of("suspicious"))
                .containsEntry("display_name", "OS:/evidence/syslog")
                .containsEntry("filename", "/evidence/syslog")
                .containsEntry("sha256_hash", "abc123")
                .containsEntry("path_spec",
                        "{\"__type__\": \"PathSpec\", \"location\": \"/evidence/syslog\", \"type_indicator\": \"OS\"}")
                .doesNotContainKey("_event_data_stream_row_identifier");
    }

    @Test
    void severalTagRowsOfOneEventAreMerged() throws IOException {
        Path file = new SyntheticPlaso()
                .eventData(SyntheticPlaso.eventDataJson("bash:history:entry", "\"command\": \"id\""))
                .event("event_data.1", 10L, "Last Written Time")
                .event("event_data.1", 20L, "Creation Time")
                .tag("event.1", "[\"a\", \"b\"]")
                .tag("event.1", "[\"b\", \"c\"]")
                .write(dir.resolve("tags.plaso"));

        Map<Long, Map<String, Object>> records = records(readAll(file, PlasoReader.Duplicates.REJECT_LIKE_PSORT));

        assertThat(records).hasSize(2);
        assertThat(records.get(1L)).containsEntry("tag", List.of("a", "b", "c"));
        assertThat(records.get(2L)).containsEntry("tag", List.of());
    }

    @Test
    void withoutAStoredHashDuplicatesAreFoundByTheirValues() throws IOException {
        String login = SyntheticPlaso.eventDataJson("syslog:line", "\"parser\": \"syslog\", \"_event_data_stream_identifier\": "
                + "\"event_data_stream.%d\", \"reporter\": \"sshd\", \"message_body\": \"login\", "
                + "\"last_written_time\": {\"__type__\": \"DateTimeValues\", \"__class_name__\": \"TimeElements\", "
                + "\"time_elements_tuple\": [0, 1, 2, 3, 4, %d]}");
        Path file = new SyntheticPlaso().metadata("format_version", "20221023")
                .stream(OS_PATH_SPEC)
                .stream(OS_PATH_SPEC)
                .eventData(login.formatted(1, 5))
                .eventData(login.formatted(2, 6))
                .eventData(login.formatted(1, 5).replace("login", "logout"))
                .event("event_data.1", 100L, "Content Modification Time")
                .event("event_data.2", 100L, "Content Modification Time")
                .event("event_data.2", 100L, "Creation Time")
                .event("event_data.3", 100L, "Content Modification Time")
                .event("event_data.2", 200L, "Content Modification Time")
                .write(dir.resolve("dups.plaso"));

        // Event 2 repeats event 1: same timestamp and description, values equal once dates and the
        // stream identifier (which plaso's hash leaves out) are set aside. 3 has another description,
        // 4 another message, 5 another timestamp.
        List<ReadItem> items = readAll(file, PlasoReader.Duplicates.REJECT_LIKE_PSORT);
        assertThat(records(items).keySet()).containsExactly(1L, 3L, 4L, 5L);
        assertThat(items).filteredOn(Rejection.class::isInstance).singleElement()
                .extracting(item -> ((Rejection) item).reason()).asString().startsWith("event.2 duplicates event.1 ");
        assertThat(readAll(file, PlasoReader.Duplicates.KEEP)).hasSize(5).allMatch(SourceRecord.class::isInstance);
    }

    @Test
    void laterFormatsWithUnknownTablesColumnsAndAttributesAreReadAsTheyAre() throws IOException {
        String eventData = SyntheticPlaso.eventDataJson("example:new:thing",
                "\"_parser_chain\": \"future/parser\", \"_corrupted\": false, \"colour\": \"blue\", "
                        + "\"size\": 123456789012345678901234567890, \"ratio\": NaN, \"small\": 1e-05, "
                        + "\"pair\": {\"__type__\": \"tuple\", \"values\": [1, \"two\"]}, "
                        + "\"raw\": {\"__type__\": \"bytes\", \"__encoding__\": \"base16\", \"stream\": \"caf=C3=A9=\\n=00\"}, "
                        + "\"counts\": {\"__type__\": \"collections.Counter\", \"x\": 2}, "
                        + "\"nested\": {\"__type__\": \"AttributeContainer\", \"__container_type__\": \"thing\", \"k\": \"v\"}, "
                        + "\"times\": [{\"__type__\": \"DateTimeValues\", \"__class_name__\": \"PosixTime\", \"timestamp\": 1}], "
                        + "\"message\": \"overwritten by psort\", \"text\": \"line one\\nline two\"");
        Path file = new SyntheticPlaso().metadata("format_version", "20990101")
                .eventData(eventData)
                .event("event_data.1", 0L, "Not a time")
                .then("CREATE TABLE data_type_count (_identifier INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT, number_of_events INTEGER)")
                .then("CREATE TABLE hologram (_identifier INTEGER PRIMARY KEY AUTOINCREMENT, _data BLOB)")
                .then("ALTER TABLE event ADD COLUMN confidence INTEGER")
                .write(dir.resolve("future.plaso"));

        assertThat(PlasoReader.isPlaso(file)).isTrue();
        Map<String, Object> fields = records(readAll(file, PlasoReader.Duplicates.REJECT_LIKE_PSORT)).get(1L);

        assertThat(fields).containsEntry("data_type", "example:new:thing")
                .containsEntry("parser", "future/parser")
                .containsEntry("colour", "blue")
                .containsEntry("size", "123456789012345678901234567890")
                .containsEntry("small", 1e-05)
                .containsEntry("pair", List.of(1L, "two"))
                .containsEntry("raw", "caf\u00e9\u0000")
                .containsEntry("counts", Map.of("x", 2L))
                .containsEntry("nested", Map.of("k", "v"))
                .containsEntry("datetime", "1970-01-01T00:00:00.000000+00:00")
                .containsEntry("source_long", "N/A")
                .containsEntry("source_short", "N/A")
                .doesNotContainKeys("_corrupted", "times");
        assertThat((Double) fields.get("ratio")).isNaN();
        // No formatter for this data type: name: value pairs sorted by name, Python renderings, no line breaks.
        assertThat(fields.get("message")).isEqualTo("colour: blue counts: {'x': 2} message: overwritten by psort "
                + "nested: {'k': 'v'} pair: [1, 'two'] ratio: nan raw: caf\u00e9\u0000 "
                + "size: 123456789012345678901234567890 small: 1e-05 text: line oneline two");
    }

    @Test
    void displayNameComesFromThePathSpecWhenEventDataHasNone() {
        Map<String, Object> os = Map.of("__type__", "PathSpec", "type_indicator", "OS", "location", "/images/disk.raw");
        Map<String, Object> vss = Map.of("__type__", "PathSpec", "type_indicator", "VSHADOW", "store_index", 1L,
                "location", "/vss2", "parent", os);
        Map<String, Object> tsk = Map.of("__type__", "PathSpec", "type_indicator", "TSK", "location", "/Windows/x.evtx",
                "parent", vss);
        Map<String, Object> gzip = Map.of("__type__", "PathSpec", "type_indicator", "GZIP",
                "parent", Map.of("__type__", "PathSpec", "type_indicator", "OS", "location", "/logs/auth.log.1.gz"));

        assertThat(PlasoDocument.displayName(null, os)).isEqualTo("OS:/images/disk.raw");
        assertThat(PlasoDocument.displayName("", tsk)).isEqualTo("VSS2:TSK:/Windows/x.evtx");
        assertThat(PlasoDocument.displayName(null, gzip)).isEqualTo("OS:/logs/auth.log.1.gz");
        assertThat(PlasoDocument.displayName("NTFS:\\x", tsk)).isEqualTo("NTFS:\\x");
        assertThat(PlasoDocument.displayName(null, null)).isEqualTo("-");
    }

    @Test
    void formattersFollowPlasoRules() {
        Map<String, Object> unallocated = new LinkedHashMap<>();
        unallocated.put("display_name", "TSK:/gone");
        unallocated.put("file_entry_type", "file");
        unallocated.put("mode", 0755L);
        unallocated.put("is_allocated", false);
        assertThat(MessageFormatters.render("fs:stat", unallocated).message())
                .isEqualTo("TSK:/gone Type: file Mode: 0o755 (unallocated)");

        Map<String, Object> utmp = new LinkedHashMap<>();
        utmp.put("username", "root");
        utmp.put("type", 7L);
        utmp.put("pid", 0L);
        assertThat(MessageFormatters.render("LINUX:UTMP:EVENT", utmp).message())
                .isEqualTo("User: root PID: 0 Status: USER_PROCESS");
        utmp.put("type", 99L);
        assertThat(MessageFormatters.render("linux:utmp:event", utmp).message()).endsWith("Status: UNKNOWN");

        // A basic formatter whose attribute is missing falls back to name: value pairs.
        assertThat(MessageFormatters.render("bash:history:entry", Map.of()).message()).isEqualTo("command: None");
        // A format spec that does not fit the value (mode as text) also falls back.
        assertThat(MessageFormatters.render("fs:stat", Map.of("mode", "rwx")).message()).contains("mode: rwx");

        Map<String, Object> evtx = new LinkedHashMap<>();
        evtx.put("event_identifier", 7036L);
        evtx.put("source_name", "Service Control Manager");
        evtx.put("strings", java.util.Arrays.asList("it's", null, "C:\\x"));
        assertThat(MessageFormatters.render("windows:evtx:record", evtx).message())
                .isEqualTo("[7036] Source Name: Service Control Manager Strings: [\"it's\", None, 'C:\\\\x']");
    }
}
