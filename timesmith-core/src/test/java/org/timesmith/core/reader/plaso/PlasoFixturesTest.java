package org.timesmith.core.reader.plaso;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.timesmith.core.reader.EventReader;
import org.timesmith.core.reader.ReadItem;
import org.timesmith.core.reader.ReaderOptions;
import org.timesmith.core.reader.Rejection;
import org.timesmith.core.reader.SourceRecord;
import org.timesmith.core.reader.WindowsEventRecords;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Conformance against the real plaso files in the shared fixtures folder and the decoded events of
 * {@code docs/plaso-storage-format.md} Appendix A. Skipped, with a notice, when the folder is absent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlasoFixturesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Path fixture(String name) {
        String property = System.getProperty("timesmith.fixtures", "../shared/fixtures");
        Path file = Path.of(property).resolve("plaso").resolve(name);
        if (!Files.isRegularFile(file)) {
            System.out.println("NOTICE: skipping, plaso fixture not found: " + file.toAbsolutePath()
                    + " (set -Dtimesmith.fixtures)");
        }
        Assumptions.assumeTrue(Files.isRegularFile(file), "fixture missing: " + file);
        return file;
    }

    static List<ReadItem> readAll(Path file, PlasoReader.Duplicates duplicates) throws IOException {
        List<ReadItem> items = new ArrayList<>();
        try (EventReader reader = PlasoReader.open(file, ReaderOptions.auto(file.getFileName().toString()), duplicates)) {
            reader.forEachRemaining(items::add);
            assertThat(reader.bytesRead()).isEqualTo(Files.size(file));
        }
        return items;
    }

    static Map<Long, Map<String, Object>> recordsById(List<ReadItem> items) {
        Map<Long, Map<String, Object>> byId = new HashMap<>();
        for (ReadItem item : items) {
            if (item instanceof SourceRecord record) {
                byId.put(record.recordNumber(), record.fields());
            }
        }
        return byId;
    }

    /** The two EVTX files are read once per test class; several tests look at the same events. */
    private final Map<String, List<ReadItem>> evtxItems = new HashMap<>();

    private List<ReadItem> evtx(String name) throws IOException {
        if (!evtxItems.containsKey(name)) {
            evtxItems.put(name, readAll(fixture(name), PlasoReader.Duplicates.REJECT_LIKE_PSORT));
        }
        return evtxItems.get(name);
    }

    @Test
    void evtx20221023YieldsThe3205EventsTimesketchIndexes() throws IOException {
        List<ReadItem> items = evtx("evtx_20221023.plaso");

        // doc §9.3/§11: 3205 event rows, no psort duplicates (hash recomputed), so 3205 Timesketch events.
        assertThat(items).hasSize(3205).allMatch(item -> item instanceof SourceRecord);
        assertThat(items).extracting(ReadItem::recordNumber).doesNotHaveDuplicates()
                .allMatch(id -> id >= 1 && id <= 3205);
        assertThat(items.stream().map(i -> ((SourceRecord) i).fields().get("data_type")))
                .filteredOn("fs:stat"::equals).hasSize(3);
    }

    @Test
    void evtx20250918YieldsThe3205EventsTimesketchIndexes() throws IOException {
        List<ReadItem> items = evtx("evtx_20250918.plaso");

        // The Timesketch e2e expectation (import_plaso_test.py: len(events) == 3205); stored hashes, 0 duplicates.
        assertThat(items).hasSize(3205).allMatch(item -> item instanceof SourceRecord);
        List<Long> timestamps = items.stream().map(i -> (Long) ((SourceRecord) i).fields().get("timestamp")).toList();
        assertThat(timestamps).isSorted();
        assertThat(timestamps.getFirst()).isEqualTo(1331698658276340L);
        assertThat(timestamps.getLast()).isEqualTo(1758718266357517L);
        assertThat(items.stream().map(i -> ((SourceRecord) i).fields().get("timestamp_desc")))
                .filteredOn("Content Modification Time"::equals).hasSize(1602);
    }

    @Test
    void appendixAEventsOf20221023MatchFieldByField() throws IOException {
        Map<Long, Map<String, Object>> events = recordsById(
                evtx("evtx_20221023.plaso"));

        Map<String, Object> stat = events.get(1L);
        assertThat(stat).containsEntry("datetime", "2022-12-30T13:40:56.174975+00:00")
                .containsEntry("timestamp", 1672407656174975L)
                .containsEntry("timestamp_desc", "Last Access Time")
                .containsEntry("data_type", "fs:stat")
                .containsEntry("parser", "filestat")
                .containsEntry("message", "OS:/tmp/System.evtx Type: file Owner identifier: 190240 "
                        + "Group identifier: 89939 Mode: 0o644 Number of links: 1")
                .containsEntry("display_name", "OS:/tmp/System.evtx")
                .containsEntry("filename", "/tmp/System.evtx")
                .containsEntry("inode", "8393014")
                .containsEntry("mode", 420L)
                .containsEntry("is_allocated", true)
                .containsEntry("source_long", "File stat")
                .containsEntry("source_short", "FILE")
                .containsEntry("tag", List.of())
                .containsEntry("path_spec",
                        "{\"__type__\": \"PathSpec\", \"location\": \"/tmp/System.evtx\", \"type_indicator\": \"OS\"}")
                .doesNotContainKeys("access_time", "change_time", "modification_time", "_event_data_stream_identifier");

        Map<String, Object> evtx105 = events.get(4L);
        assertThat(evtx105).containsEntry("datetime", "2012-03-14T04:17:43.354563+00:00")
                .containsEntry("timestamp", 1331698663354563L)
                .containsEntry("timestamp_desc", "Creation Time")
                .containsEntry("data_type", "windows:evtx:record")
                .containsEntry("parser", "winevtx")
                .containsEntry("event_identifier", 105L)
                .containsEntry("record_number", 12049L)
                .containsEntry("provider_identifier", "{fc65ddd8-d6ef-4962-83d5-6e5cfe9ce148}")
                .containsEntry("strings", List.of("System",
                        "C:\\Windows\\System32\\Winevt\\Logs\\Archive-System-2012-03-14-04-17-39-932.evtx"))
                .containsEntry("message", "[105] Source Name: Microsoft-Windows-Eventlog Strings: ['System', "
                        + "'C:\\\\Windows\\\\System32\\\\Winevt\\\\Logs\\\\Archive-System-2012-03-14-04-17-39-932.evtx']")
                .containsEntry("source_long", "WinEVTX")
                .containsEntry("source_short", "EVTX")
                .containsEntry("sha256_hash", "ccb83cfefc9038017224cd97b800b66e248fe14529649ddf47907e5a2021449e")
                .doesNotContainKeys("creation_time", "written_time");

        Map<String, Object> evtx6013 = events.get(88L);
        assertThat(evtx6013).containsEntry("datetime", "2012-03-14T16:00:57.000000+00:00")
                .containsEntry("timestamp", 1331740857000000L)
                .containsEntry("event_identifier", 6013L)
                .containsEntry("message_identifier", 2147489661L)
                .doesNotContainKeys("provider_identifier", "event_version");
        assertThat((String) evtx6013.get("message")).startsWith(
                "[6013] Source Name: EventLog Strings: ['', '', '', '', '1039089', '60', '300 Eastern Standard Time', '3100");
    }

    @Test
    void appendixAEventsOf20250918MatchFieldByField() throws IOException {
        Map<Long, Map<String, Object>> events = recordsById(
                evtx("evtx_20250918.plaso"));

        assertThat(events.get(1L)).containsEntry("datetime", "2025-09-24T12:51:06.357517+00:00")
                .containsEntry("timestamp", 1758718266357517L)
                .containsEntry("timestamp_desc", "Last Access Time")
                .containsEntry("parser", "filestat")
                .containsEntry("message", "OS:/data/System.evtx Type: file Owner identifier: 768470 "
                        + "Group identifier: 89939 Mode: 0o640 Number of links: 1")
                .containsEntry("inode", "11411432")
                .doesNotContainKey("_event_values_hash");

        assertThat(events.get(4L)).containsEntry("timestamp", 1331698663354563L)
                .containsEntry("parser", "winevtx")
                .containsEntry("display_name", "OS:/data/System.evtx");

        Map<String, Object> evtx6013 = events.get(88L);
        List<Object> strings = new ArrayList<>();
        strings.add(null);
        strings.add(null);
        strings.add(null);
        strings.add(null);
        strings.addAll(List.of("1039089", "60", "300 Eastern Standard Time"));
        assertThat(((List<?>) evtx6013.get("strings")).subList(0, 7)).isEqualTo(strings);
        assertThat((String) evtx6013.get("message")).startsWith(
                "[6013] Source Name: EventLog Strings: [None, None, None, None, '1039089', '60', '300 Eastern Standard Time', '3100")
                .endsWith("0000']");
    }

    /**
     * Every field of the emulated opensearch_ts documents in the doc's Appendix A, compared as JSON
     * (the doc is read from the shared docs folder next to the fixtures). {@code __ts_timeline_id} is
     * set at import, not by the reader; {@code filename} is Timesmith's addition for EVTX events.
     */
    @Test
    void everyFieldOfTheAppendixADocumentsMatches() throws IOException {
        Path doc = fixture("evtx_20250918.plaso").getParent().getParent().getParent()
                .resolve("docs").resolve("plaso-storage-format.md");
        Assumptions.assumeTrue(Files.isRegularFile(doc), "plaso format doc missing: " + doc);
        String text = Files.readString(doc);
        int appendix2 = text.indexOf("### A.2 evtx_20250918.plaso");
        int appendixB = text.indexOf("## Appendix B");
        Map<String, String> sections = Map.of(
                "evtx_20221023.plaso", text.substring(text.indexOf("### A.1 evtx_20221023.plaso"), appendix2),
                "evtx_20250918.plaso", text.substring(appendix2, appendixB));
        int compared = 0;
        for (Map.Entry<String, String> section : sections.entrySet()) {
            Map<Long, Map<String, Object>> events = recordsById(
                    evtx(section.getKey()));
            Matcher block = Pattern.compile("#### event (\\d+)\\s+```json\\n(.*?)\\n```", Pattern.DOTALL)
                    .matcher(section.getValue());
            while (block.find()) {
                long id = Long.parseLong(block.group(1));
                JsonNode expected = JSON.readTree(block.group(2)).get("emulated_opensearch_ts_document");
                Map<String, Object> actual = events.get(id);
                for (Map.Entry<String, JsonNode> field : expected.properties()) {
                    if (field.getKey().equals("__ts_timeline_id")) {
                        continue;
                    }
                    assertThat(JSON.writeValueAsString(actual.get(field.getKey())))
                            .as("%s event %d field %s", section.getKey(), id, field.getKey())
                            .isEqualTo(JSON.writeValueAsString(field.getValue()));
                }
                Map<String, Object> extra = new HashMap<>(actual);
                extra.keySet().removeAll(iterableToList(expected.propertyNames()));
                extra.keySet().removeAll(sigmaFields(actual).keySet());
                assertThat(extra.keySet()).as("fields beyond Timesketch's and Sigma's").isSubsetOf("filename");
                compared++;
            }
        }
        assertThat(compared).isEqualTo(6);
    }

    /** The Sigma names an EVTX record gets from its {@code xml_string}; none for other events. */
    private static Map<String, Object> sigmaFields(Map<String, Object> event) {
        if (!(event.get("xml_string") instanceof String xml) || !"windows:evtx:record".equals(event.get("data_type"))) {
            return Map.of();
        }
        return WindowsEventRecords.sigmaFieldsOfXml(xml);
    }

    @Test
    void evtxRecordsCarrySigmasFieldsFromTheirXml() throws IOException {
        List<SourceRecord> records = readAll(fixture("evtx_20250918.plaso"), PlasoReader.Duplicates.KEEP).stream()
                .filter(SourceRecord.class::isInstance).map(SourceRecord.class::cast)
                .filter(r -> "windows:evtx:record".equals(r.fields().get("data_type"))).toList();
        assertThat(records).hasSize(3202).allSatisfy(record -> {
            Map<String, Object> event = record.fields();
            assertThat(event).doesNotContainKey("xml_string_error");
            assertThat(event.get("EventID")).isEqualTo(String.valueOf(event.get("event_identifier")));
            // plaso names the source by the provider's EventSourceName when it has one (BugCheck …)
            Object eventSourceName = WindowsEventRecords.flattenXml((String) event.get("xml_string"))
                    .get("Event.System.Provider.#attributes.EventSourceName");
            assertThat(event.get("source_name")).isEqualTo(eventSourceName != null ? eventSourceName
                    : event.get("Provider_Name"));
            assertThat(event.get("Computer")).isEqualTo(event.get("computer_name"));
            assertThat(event).containsKey("Channel").containsAllEntriesOf(sigmaFields(event));
            assertThat(event.keySet()).noneMatch(name -> name.startsWith("Event."));
        });
        Map<String, Object> first = records.getFirst().fields();
        assertThat(first).containsEntry("EventID", "7036").containsEntry("Channel", "System")
                .containsEntry("Provider_Name", "Service Control Manager")
                .containsEntry("param1", "Windows Modules Installer").containsEntry("param2", "stopped")
                .containsEntry("event_identifier", 7036L);
        assertThat(records).extracting(r -> r.fields().get("Channel")).containsOnly("System");
    }

    @Test
    void evtxXmlThatCannotBeParsedLeavesThePlasoEventAndSaysWhy() {
        Map<String, Object> eventData = new LinkedHashMap<>();
        eventData.put("data_type", "windows:evtx:record");
        eventData.put("event_identifier", 4624L);
        eventData.put("xml_string", "<Event><System><EventID>4624</EventID>");
        Map<String, Object> document = PlasoDocument.build(0, "Creation Time", eventData, Map.of(), List.of());
        assertThat(document).containsEntry("event_identifier", 4624L).doesNotContainKey("EventID");
        assertThat((String) document.get("xml_string_error")).startsWith("not well-formed XML");
    }

    private static List<String> iterableToList(Iterable<String> names) {
        List<String> list = new ArrayList<>();
        names.forEach(list::add);
        return list;
    }

    @Test
    void pinfoTestFileHasThreeEventsOfOneFile() throws IOException {
        List<ReadItem> items = readAll(fixture("plaso_test_data_pinfo_test.plaso"), PlasoReader.Duplicates.REJECT_LIKE_PSORT);

        // Format 20260516, 3 event rows (parser_count total = 3) from one fs:stat event data: the same
        // timestamp three times, but each with its own timestamp_desc, so psort drops none.
        assertThat(items).hasSize(3).allMatch(item -> item instanceof SourceRecord);
        assertThat(items).extracting(i -> ((SourceRecord) i).fields().get("timestamp_desc"))
                .containsExactly("Last Access Time", "Metadata Modification Time", "Content Modification Time");
        Map<String, Object> first = ((SourceRecord) items.getFirst()).fields();
        assertThat(first).containsEntry("datetime", "2013-12-24T13:31:52.000000+00:00")
                .containsEntry("display_name", "EXT:/lost+found")
                .containsEntry("filename", "/lost+found")
                .containsEntry("message", "EXT:/lost+found Type: directory Owner identifier: 0 Group identifier: 0 "
                        + "Mode: 0o700 Number of links: 2")
                .doesNotContainKey("path_spec");
    }

    @Test
    void psortTestFileLosesItsSecondSessionToPsortDeduplication() throws IOException {
        Path file = fixture("plaso_test_data_psort_test.plaso");
        List<ReadItem> items = readAll(file, PlasoReader.Duplicates.REJECT_LIKE_PSORT);

        // 38 event rows (parser_count total = 38): the same syslog file was extracted twice (two
        // sessions, event_data 1-17 and 18-34 with equal _event_values_hash). psort keeps one of
        // each (timestamp, timestamp_desc, hash): the 16 syslog events of session 2 and its two
        // fs:stat events whose ctime/mtime equal session 1's are dropped; the second access time
        // differs, so it stays. 38 - 18 = 20 events reach Timesketch; the 18 come out as rejections.
        List<SourceRecord> records = items.stream().filter(SourceRecord.class::isInstance).map(SourceRecord.class::cast).toList();
        List<Rejection> duplicates = items.stream().filter(Rejection.class::isInstance).map(Rejection.class::cast).toList();
        assertThat(items).hasSize(38);
        assertThat(records).hasSize(20);
        assertThat(duplicates).hasSize(18).allMatch(r -> r.reason().contains("duplicates event."));
        assertThat(duplicates).extracting(Rejection::recordNumber)
                .containsExactlyInAnyOrder(21L, 22L, 23L, 24L, 25L, 26L, 27L, 28L, 29L, 30L, 31L, 32L, 33L, 34L,
                        35L, 36L, 37L, 38L);
        assertThat(duplicates.stream().filter(r -> r.recordNumber() == 30).findFirst().orElseThrow().describe())
                .isEqualTo("plaso_test_data_psort_test.plaso record 30: event.30 duplicates event.11 (same timestamp, "
                        + "timestamp_desc and event values); psort, and so Timesketch, drops it");

        Map<Long, Map<String, Object>> events = recordsById(items);
        assertThat(events.get(11L)).containsEntry("tag", List.of("exit1", "exit2"))
                .containsEntry("message", "[anacron, pid: 1234] No true exit can exist (124 job run)")
                .containsEntry("source_long", "Log File").containsEntry("source_short", "LOG")
                .containsEntry("parser", "text/syslog_traditional");
        assertThat(events.get(17L)).containsEntry("tag", List.of("repeated"));
        assertThat(events.get(4L)).containsEntry("message", "[client, pid: 30840] INFO No new content in \u00edmynd.dd.")
                .containsEntry("hostname", "myhostname.myhost.com")
                .containsEntry("datetime", "2012-01-22T07:52:33.000000+00:00")
                .containsEntry("display_name", "OS:/tmp/test/test_data/syslog/syslog")
                .containsEntry("tag", List.of());
        assertThat(events.get(6L)).containsEntry("data_type", "syslog:cron:task_run")
                .containsEntry("message", "Cron ran: touch /var/run/crond.somecheck for user: root pid: 31051")
                .containsEntry("source_long", "Cron log");
        assertThat(events.get(15L)).containsEntry("message",
                "[aprocess, pid: 10100] This is a multi-line message that screws up\tmany syslog parsers.");
        assertThat(events.get(18L)).containsEntry("message", "[kernel] [997.390602] sda2: rw=0, want=65, limit=2");
        assertThat(events.get(1L)).containsEntry("attribute_names", List.of("security.selinux"));

        // psort -a keeps every stored event.
        assertThat(readAll(file, PlasoReader.Duplicates.KEEP)).hasSize(38).allMatch(SourceRecord.class::isInstance);
    }

    @Test
    void rereadingGivesTheSameRecordsInTheSameOrder() throws IOException {
        Path file = fixture("evtx_20221023.plaso");

        List<ReadItem> first = readAll(file, PlasoReader.Duplicates.REJECT_LIKE_PSORT);
        List<ReadItem> second = readAll(file, PlasoReader.Duplicates.REJECT_LIKE_PSORT);

        // Record numbers are event row ids, so event ids derived from them survive a retried import.
        assertThat(second).isEqualTo(first);
    }

    @Test
    void fixturesAreRecognisedAsPlaso() {
        for (String name : List.of("evtx_20221023.plaso", "evtx_20250918.plaso", "plaso_test_data_pinfo_test.plaso",
                "plaso_test_data_psort_test.plaso")) {
            assertThat(PlasoReader.isPlaso(fixture(name))).as(name).isTrue();
        }
    }
}
