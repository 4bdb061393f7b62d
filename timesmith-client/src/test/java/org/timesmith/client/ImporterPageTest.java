package org.timesmith.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Timesketch's importer page ({@code docs/seeds/000_…}) walked in its order, each example in Java
 * against the real server: streamer set up with {@code setSketch} as the page does, and
 * date-time objects wherever the page's Python would have them. The OpenSearch section (an index
 * filled by another tool) needs a real OpenSearch node and is not in this class.
 */
class ImporterPageTest {

    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final long MAY_2_2019_23_21_10 = 1_556_839_270_000_000L;
    private final TimesketchClient ts = LiveServer.get().login("alice");

    private static List<Map<String, Object>> events(Sketch sketch) {
        return sketch.search().queryString("*").returnFields("*").toList();
    }

    @Test
    void pandasDataFrameWithTimestampObjects() {
        // frame = pd.read_excel(...): its Timestamp column holds date-time objects, not text.
        DataFrame frame = DataFrame.foldByRow("Timestamp", "What", "URL", "Results").of(
                LocalDateTime.of(2019, 5, 2, 23, 21, 10), "Something", "http://evil.com", "Nothing to see here",
                LocalDateTime.of(2019, 5, 22, 12, 12, 45), "Other", "http://notevil.com", "Move on",
                LocalDateTime.of(2019, 6, 23, 2, 0, 12), "Not really That", "http://totallylegit.com",
                "Let's not look,shall we");
        Sketch mySketch = ts.getSketch(ts.createSketch("excel frame", "").id());
        Timeline timeline;
        try (ImportStreamer streamer = new ImportStreamer()) {
            streamer.setSketch(mySketch);
            streamer.timestampDescription("Web Log");
            streamer.timelineName("excel_import");
            streamer.messageFormatString("{What:s} resulted in {Results:s}, pointed from {URL:s}");
            streamer.addDataFrame(frame);
            timeline = streamer.closeAndWait(WAIT);
        }
        assertThat(timeline.status()).isEqualTo("ready");
        assertThat(timeline.name()).isEqualTo("excel_import");
        List<Map<String, Object>> events = events(mySketch);
        assertThat(events).extracting(e -> e.get("message")).containsExactly(
                "Something resulted in Nothing to see here, pointed from http://evil.com",
                "Other resulted in Move on, pointed from http://notevil.com",
                "Not really That resulted in Let's not look,shall we, pointed from http://totallylegit.com");
        assertThat(events.get(0)).containsEntry("timestamp_desc", "Web Log");
        // A naive time is UTC, as the Timesketch importer treats it.
        assertThat(((Number) events.get(0).get("timestamp")).longValue()).isEqualTo(MAY_2_2019_23_21_10);
        assertThat(events.get(0).get("datetime").toString()).startsWith("2019-05-02T23:21:10");
    }

    @Test
    void pythonDictWithADateTimeObject() {
        Sketch mySketch = ts.createSketch("pcap", "");
        ImportStreamer streamer = new ImportStreamer();
        streamer.setSketch(mySketch);
        streamer.timestampDescription("Network Log");
        streamer.timelineName("pcap_test_log");
        streamer.messageFormatString("{src_ip:s}:{src_port:d}->{dst_ip:s}:{dst_port:d} = {url:s}");
        // timestamp = datetime.datetime.utcfromtimestamp(packet.time): a naive date-time in UTC
        LocalDateTime timestamp = LocalDateTime.ofEpochSecond(1_556_839_270L, 123_456_000, ZoneOffset.UTC);
        streamer.addDict(Map.of("time", timestamp, "src_ip", "10.10.10.10", "dst_ip", "8.8.8.8",
                "src_port", 5353, "dst_port", 443, "url", "http://evil.com/x"));
        assertThat(streamer.closeAndWait(WAIT).status()).isEqualTo("ready");
        assertThat(streamer.rejectedCount()).isZero();
        Map<String, Object> event = events(mySketch).get(0);
        assertThat(event).containsEntry("message", "10.10.10.10:5353->8.8.8.8:443 = http://evil.com/x")
                .containsEntry("timestamp_desc", "Network Log");
        assertThat(((Number) event.get("timestamp")).longValue()).isEqualTo(MAY_2_2019_23_21_10 + 123_456);
    }

    @Test
    void everyDateTimeKindIsAcceptedInDictsAndFrames() {
        Instant instant = Instant.ofEpochSecond(1_556_839_270L);
        Map<String, Object> kinds = new LinkedHashMap<>();
        kinds.put("Instant", instant);
        kinds.put("OffsetDateTime", OffsetDateTime.of(2019, 5, 3, 1, 21, 10, 0, ZoneOffset.ofHours(2)));
        kinds.put("ZonedDateTime", ZonedDateTime.of(2019, 5, 3, 1, 21, 10, 0, ZoneId.of("Europe/Berlin")));
        kinds.put("LocalDateTime", LocalDateTime.of(2019, 5, 2, 23, 21, 10));
        kinds.put("Date", Date.from(instant));
        Sketch sketch = ts.createSketch("date kinds", "");
        ImportStreamer streamer = new ImportStreamer(sketch).timelineName("kinds");
        kinds.forEach((kind, value) -> streamer.addDict(Map.of("time", value, "message", kind)));
        streamer.addDict(Map.of("time", LocalDate.of(2019, 5, 2), "message", "LocalDate"));
        DataFrame frame = DataFrame.foldByRow("time", "message").of(instant, "frame Instant",
                ZonedDateTime.ofInstant(instant, ZoneId.of("Asia/Tokyo")), "frame ZonedDateTime");
        streamer.addDataFrame(frame);
        streamer.addJson("{\"time\": \"2019-05-02 23:21:10\", \"message\": \"json naive text\"}");
        assertThat(streamer.closeAndWait(WAIT).status()).isEqualTo("ready");
        assertThat(streamer.rejections()).isEmpty();
        Map<Object, Object> timestamps = new LinkedHashMap<>();
        events(sketch).forEach(e -> timestamps.put(e.get("message"), ((Number) e.get("timestamp")).longValue()));
        assertThat(timestamps).hasSize(9).containsEntry("LocalDate", 1_556_755_200_000_000L);
        timestamps.remove("LocalDate");
        assertThat(timestamps.values()).containsOnly(MAY_2_2019_23_21_10);
    }

    @Test
    void aStreamerWithoutASketchSaysSo() {
        ImportStreamer streamer = new ImportStreamer().timelineName("nowhere");
        assertThatThrownBy(() -> streamer.addDict(Map.of("datetime", "2020-01-01T00:00:00", "message", "m")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The streamer has no sketch: call setSketch(sketch) before adding data.");
        assertThat(streamer.sketch()).isEmpty();
    }

    @Test
    void csvAndJsonlFiles(@TempDir Path dir) throws IOException {
        Path csv = Files.writeString(dir.resolve("mydump.csv"),
                "datetime,message,host\n2019-05-02T23:21:10Z,logon,ws1\n2019-05-02T23:22:10Z,logoff,ws1\n");
        Path jsonl = Files.writeString(dir.resolve("mydump.jsonl"),
                "{\"datetime\": \"2019-05-02T23:21:10Z\", \"message\": \"from jsonl\"}\n");
        Sketch mySketch = ts.createSketch("files", "");
        for (Path file : List.of(csv, jsonl)) {
            try (ImportStreamer streamer = new ImportStreamer()) {
                streamer.setSketch(mySketch);
                streamer.timelineName("my_file_with_a_timeline " + file.getFileName());
                streamer.timestampDescription("some_description");
                streamer.addFile(file);
                assertThat(streamer.closeAndWait(WAIT).status()).isEqualTo("ready");
            }
        }
        assertThat(events(mySketch)).hasSize(3).allSatisfy(e -> assertThat(e)
                .containsEntry("timestamp_desc", "some_description"));
    }

    @Test
    void excelSheetWithDateCells(@TempDir Path dir) throws IOException {
        Path xlsx = dir.resolve("SomeRandomDocument.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(xlsx)) {
            Sheet sheet = workbook.createSheet("log");
            CellStyle dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
            Row header = sheet.createRow(0);
            String[] names = {"Timestamp", "What", "URL", "Results"};
            for (int c = 0; c < names.length; c++) {
                header.createCell(c).setCellValue(names[c]);
            }
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue(LocalDateTime.of(2019, 5, 2, 23, 21, 10));
            row.getCell(0).setCellStyle(dateStyle);
            row.createCell(1).setCellValue("Something");
            row.createCell(2).setCellValue("http://evil.com");
            row.createCell(3).setCellValue("Nothing to see here");
            workbook.write(out);
        }
        Sketch mySketch = ts.createSketch("excel", "");
        try (ImportStreamer streamer = new ImportStreamer()) {
            streamer.setSketch(mySketch);
            streamer.timestampDescription("Web Log");
            streamer.timelineName("excel_import");
            streamer.messageFormatString("{What:s} resulted in {Results:s}, pointed from {URL:s}");
            streamer.addExcelFile(xlsx);
            assertThat(streamer.closeAndWait(WAIT).status()).isEqualTo("ready");
        }
        Map<String, Object> event = events(mySketch).get(0);
        assertThat(event).containsEntry("message", "Something resulted in Nothing to see here, pointed from http://evil.com");
        assertThat(((Number) event.get("timestamp")).longValue()).isEqualTo(MAY_2_2019_23_21_10);
    }
}
