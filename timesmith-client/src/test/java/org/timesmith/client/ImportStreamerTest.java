package org.timesmith.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ImportStreamer} against the real server: every input kind, batching, chunking and bad input. */
class ImportStreamerTest {

    private static final Duration WAIT = Duration.ofMinutes(3);
    private final TimesketchClient client = LiveServer.get().login("alice");

    @Test
    void addDictBuildsMessagesFromTheFormatString() {
        Sketch sketch = client.createSketch("pcap", "");
        ImportStreamer streamer = new ImportStreamer(sketch).timestampDescription("Network Log")
                .timelineName("pcap_test_log").messageFormatString("{src_ip:s}:{src_port:d}->{dst_ip:s}:{dst_port:d} = {url:s}");
        streamer.addDict(Map.of("time", "2020-03-01T10:00:00", "src_ip", "10.0.0.1", "dst_ip", "8.8.8.8",
                "src_port", 5353, "dst_port", 443, "url", "https://example.com/"));
        Timeline timeline = streamer.closeAndWait(WAIT);
        assertThat(timeline.status()).isEqualTo("ready");
        assertThat(timeline.name()).isEqualTo("pcap_test_log");
        Map<String, Object> event = sketch.search().queryString("*").returnFields("*").toList().get(0);
        assertThat(event).containsEntry("message", "10.0.0.1:5353->8.8.8.8:443 = https://example.com/")
                .containsEntry("timestamp_desc", "Network Log");
        assertThat(event.get("datetime").toString()).startsWith("2020-03-01T10:00:00");
    }

    @Test
    void addJsonKeepsGoodEntriesAndReportsBadOnes() {
        Sketch sketch = client.createSketch("json", "");
        ImportStreamer streamer = new ImportStreamer(sketch).timelineName("json entries");
        streamer.addJson("{\"datetime\": \"2021-05-05T05:05:05Z\", \"message\": \"good\"}");
        streamer.addJson("{\"datetime\": \"2021-05-05T05:05:06Z\", \"message\": ");
        streamer.addJson("[1, 2]");
        streamer.addJson("{\"datetime\": \"not a time\", \"message\": \"bad time\"}");
        streamer.addJson("{\"message\": \"no time at all\"}");
        assertThat(streamer.closeAndWait(WAIT).status()).isEqualTo("ready");
        assertThat(streamer.eventsAdded()).isEqualTo(1);
        assertThat(streamer.rejectedCount()).isEqualTo(4);
        assertThat(streamer.rejections()).satisfiesExactly(
                r -> assertThat(r).startsWith("entry 2: not valid JSON"),
                r -> assertThat(r).isEqualTo("entry 3: a JSON event must be an object, not ARRAY"),
                r -> assertThat(r).startsWith("entry 4, field datetime: 'not a time' is not a date-time"),
                r -> assertThat(r).isEqualTo("entry 5: no datetime, and no field whose name contains \"time\""));
        assertThat(sketch.search().queryString("good").toList()).hasSize(1);
    }

    @Test
    void addFileCsvFixture() {
        Path csv = Fixtures.require("timesketch/e2e_test_data/evtx_direct.csv");
        Sketch sketch = client.createSketch("csv", "");
        List<ImportProgress> progress = new ArrayList<>();
        ImportStreamer streamer = new ImportStreamer(sketch).onProgress(progress::add);
        streamer.addFile(csv);
        Timeline timeline = streamer.closeAndWait(WAIT);
        assertThat(timeline.status()).isEqualTo("ready");
        assertThat(timeline.name()).isEqualTo("evtx_direct");
        assertThat(sketch.search().queryString("*").expectedSize()).isEqualTo(streamer.eventsAdded()).isPositive();
        assertThat(progress).isNotEmpty();
        assertThat(progress.get(progress.size() - 1).uploads()).isEqualTo(1);
    }

    @Test
    void largeJsonlIsSentInPiecesToOneTimeline(@TempDir Path dir) throws IOException {
        Path jsonl = dir.resolve("big.jsonl");
        try (var out = Files.newBufferedWriter(jsonl)) {
            for (int i = 0; i < 2_500; i++) {
                out.write("{\"datetime\": \"2022-02-02T00:00:00Z\", \"message\": \"line " + i + "\", \"n\": " + i + "}\n");
            }
        }
        Sketch sketch = client.createSketch("jsonl", "");
        List<ImportProgress> progress = new ArrayList<>();
        ImportStreamer streamer = new ImportStreamer(sketch).entryThreshold(1_000).onProgress(progress::add);
        streamer.addFile(jsonl);
        Timeline timeline = streamer.closeAndWait(WAIT);
        assertThat(timeline.status()).isEqualTo("ready");
        assertThat(progress.get(progress.size() - 1).uploads()).isEqualTo(3);
        assertThat(sketch.listTimelines()).hasSize(1);
        assertThat(sketch.search().queryString("*").expectedSize()).isEqualTo(2_500);
    }

    @Test
    void addExcelFileWithFormatString(@TempDir Path dir) throws IOException {
        Path xlsx = dir.resolve("SomeRandomDocument.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(xlsx)) {
            Sheet sheet = workbook.createSheet("log");
            String[][] rows = {{"Timestamp", "What", "URL", "Results"},
                    {"2019-05-02 23:21:10", "Something", "http://evil.com", "Nothing to see here"},
                    {"2019-05-22 12:12:45", "Other", "http://notevil.com", "Move on"}};
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            workbook.write(out);
        }
        Sketch sketch = client.createSketch("excel", "");
        ImportStreamer streamer = new ImportStreamer(sketch).timestampDescription("Web Log").timelineName("excel_import")
                .messageFormatString("{What:s} resulted in {Results:s}, pointed from {URL:s}");
        streamer.addExcelFile(xlsx);
        assertThat(streamer.closeAndWait(WAIT).status()).isEqualTo("ready");
        assertThat(sketch.search().queryString("*").toList()).extracting(r -> r.get("message")).containsExactly(
                "Something resulted in Nothing to see here, pointed from http://evil.com",
                "Other resulted in Move on, pointed from http://notevil.com");
    }

    @Test
    void addDataFrame() {
        DataFrame frame = DataFrame.foldByRow("Timestamp", "What", "URL", "Results").of(
                "2019-05-02 23:21:10", "Something", "http://evil.com", "Nothing to see here",
                "2019-05-22 12:12:45", "Other", "http://notevil.com", "Move on",
                "2019-06-23 02:00:12", "Not really That", "http://totallylegit.com", "Let's not look,shall we");
        Sketch sketch = client.createSketch("frame", "");
        ImportStreamer streamer = new ImportStreamer(sketch).timestampDescription("Web Log").timelineName("frame_import")
                .messageFormatString("{What:s} resulted in {Results:s}, pointed from {URL:s}");
        streamer.addDataFrame(frame);
        assertThat(streamer.closeAndWait(WAIT).status()).isEqualTo("ready");
        assertThat(sketch.search().queryString("*").toList()).extracting(r -> r.get("What"))
                .containsExactly("Something", "Other", "Not really That");
    }

    @Test
    void plasoIsSentInChunksAndReassembled() throws IOException {
        Path plaso = Fixtures.require("plaso/plaso_test_data_psort_test.plaso");
        Sketch sketch = client.createSketch("plaso", "");
        List<ImportProgress> progress = new ArrayList<>();
        ImportStreamer streamer = new ImportStreamer(sketch).fileSizeThreshold(40_000).onProgress(progress::add);
        streamer.addFile(plaso);
        Timeline timeline = streamer.closeAndWait(WAIT);
        assertThat(timeline.status()).isEqualTo("ready");
        long chunks = (Files.size(plaso) + 39_999) / 40_000;
        assertThat(progress.get(progress.size() - 1).uploads()).isEqualTo(chunks);
        assertThat(sketch.search().queryString("*").expectedSize()).isPositive();
    }

    @Test
    void rowsTheServerRejectsAreReportedBack(@TempDir Path dir) throws IOException {
        Sketch sketch = client.createSketch("rejections", "");
        ImportStreamer streamer = new ImportStreamer(sketch).timelineName("too wide");
        Map<String, Object> wide = new LinkedHashMap<>();
        wide.put("datetime", "2020-01-01T00:00:00");
        wide.put("message", "too many fields");
        for (int i = 0; i < 1_100; i++) {
            wide.put("f" + i, i);
        }
        streamer.addDict(wide);
        streamer.addDict(Map.of("datetime", "2020-01-01T00:00:01", "message", "fine"));
        Timeline timeline = streamer.closeAndWait(WAIT);
        assertThat(timeline.problems()).isNotEmpty();
        assertThat(String.join("\n", timeline.problems())).containsIgnoringCase("field");
    }

    @Test
    void unreadableFilesAreClearErrors(@TempDir Path dir) throws IOException {
        Sketch sketch = client.createSketch("bad files", "");
        ImportStreamer streamer = new ImportStreamer(sketch);
        Path missing = dir.resolve("missing.csv");
        assertThatThrownBy(() -> streamer.addFile(missing)).isInstanceOf(ApiException.class)
                .hasMessage("Cannot read " + missing + ": no such file.");
        assertThatThrownBy(() -> streamer.addFile(dir)).isInstanceOf(ApiException.class)
                .hasMessage("Cannot read " + dir + ": permission denied or not a file.");
        Path garbage = Files.write(dir.resolve("garbage.bin"), new byte[] {0, 1, 2, 3, (byte) 0xff, 0, 0, 7});
        assertThatThrownBy(() -> streamer.addFile(garbage)).isInstanceOf(ApiException.class)
                .hasMessageStartingWith("Cannot import " + garbage);
        Path empty = Files.createFile(dir.resolve("empty.plaso"));
        assertThatThrownBy(() -> streamer.addFile(empty)).isInstanceOf(ApiException.class)
                .hasMessageStartingWith("Cannot import " + empty);
        streamer.close();
        assertThatThrownBy(() -> streamer.closeAndWait(WAIT)).isInstanceOf(ApiException.class)
                .hasMessage("Nothing was imported: no event was accepted.");
    }

    @Test
    void uploadToAMissingSketchSaysSo() {
        Sketch missing = new Sketch(client.session(), 777_777, null);
        ImportStreamer streamer = new ImportStreamer(missing);
        streamer.addDict(Map.of("datetime", "2020-01-01T00:00:00", "message", "x"));
        assertThatThrownBy(streamer::close).isInstanceOf(NotFoundException.class)
                .hasMessageStartingWith("Sketch 777777 not found");
    }

    @Test
    void uploadToAnArchivedSketchGivesTheServersReason() {
        Sketch sketch = client.createSketch("archived", "");
        sketch.archive();
        ImportStreamer streamer = new ImportStreamer(sketch);
        streamer.addDict(Map.of("datetime", "2020-01-01T00:00:00", "message", "x"));
        assertThatThrownBy(streamer::close).isInstanceOf(ApiException.class)
                .hasMessageContaining("to sketch " + sketch.id() + " failed: HTTP 400");
    }

    @Test
    void invalidSettingsAreRefused() {
        Sketch sketch = client.createSketch("settings", "");
        ImportStreamer streamer = new ImportStreamer(sketch);
        assertThatThrownBy(() -> streamer.indexName("Bad Name")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid index name \"Bad Name\"");
        assertThatThrownBy(() -> streamer.entryThreshold(0)).hasMessage("The entry threshold must be positive.");
        assertThatThrownBy(() -> streamer.messageFormatString("{0}")).isInstanceOf(IllegalArgumentException.class);
    }
}
