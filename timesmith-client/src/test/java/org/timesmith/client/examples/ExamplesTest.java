package org.timesmith.client.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timesmith.client.ImportStreamer;
import org.timesmith.client.LiveServerAccess;
import org.timesmith.client.Sketch;
import org.timesmith.client.TimesketchClient;
import org.timesmith.client.config.ConfigAssistant;
import org.timesmith.examples.ApiClientExample;
import org.timesmith.examples.ImporterExample;

/** Runs each seed page's example program against the real server, configured through an rc file. */
class ExamplesTest {

    @TempDir
    Path dir;

    private TimesketchClient configure() {
        ConfigAssistant assistant = new ConfigAssistant(dir.resolve(".timesketchrc"), dir.resolve(".timesketch.token"),
                Optional.empty());
        assistant.save("timesketch-dev", LiveServerAccess.url(), "alice", LiveServerAccess.PASSWORD, true, Optional.empty());
        return assistant.getClient("timesketch-dev", Optional.empty());
    }

    private String[] rcArgs(String... more) {
        String[] args = new String[3 + more.length];
        args[0] = dir.resolve(".timesketchrc").toString();
        args[1] = dir.resolve(".timesketch.token").toString();
        args[2] = "timesketch-dev";
        System.arraycopy(more, 0, args, 3, more.length);
        return args;
    }

    private static String run(Runnable program) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            program.run();
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        original.print(output);
        return output;
    }

    @Test
    void apiClientPage() {
        TimesketchClient client = configure();
        Sketch sketch = client.createSketch("api client example", "the seed page's steps");
        ImportStreamer streamer = new ImportStreamer(sketch).timelineName("visits");
        for (int i = 0; i < 20; i++) {
            streamer.addDict(Map.of("datetime", "2020-01-01T00:00:" + String.format("%02d", i), "message", "visit " + i,
                    "domain", "d" + (i % 3) + ".com"));
        }
        streamer.closeAndWait(Duration.ofMinutes(2));
        String output = run(() -> ApiClientExample.main(rcArgs(Long.toString(sketch.id()), dir.toString())));
        assertThat(output).contains("[" + sketch.id() + "] api client example <the seed page's steps>")
                .contains("name: api client example").contains("status: new")
                .contains("results with range and interval: 20").contains("dict rows: 20")
                .contains("zip: myresults.zip").contains("acl after sharing: ").contains("user/bob")
                .contains("archived: true").endsWith("done\n");
        assertThat(dir.resolve("myresults.zip")).isNotEmptyFile();
    }

    @Test
    void importerPage() throws IOException {
        TimesketchClient client = configure();
        Sketch sketch = client.createSketch("importer example", "");
        Path excel = dir.resolve("SomeRandomDocument.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(excel)) {
            Sheet sheet = workbook.createSheet();
            String[][] rows = {{"Timestamp", "What", "URL", "Results"},
                    {"2019-05-02 23:21:10", "Something", "http://evil.com", "Nothing to see here"}};
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < 4; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            workbook.write(out);
        }
        Path jsonl = Files.writeString(dir.resolve("mydump.jsonl"),
                "{\"datetime\": \"2021-01-01T00:00:00Z\", \"message\": \"one\"}\n"
                        + "{\"datetime\": \"2021-01-01T00:00:01Z\", \"message\": \"two\"}\n");
        String output = run(() -> ImporterExample.main(rcArgs(Long.toString(sketch.id()), excel.toString(),
                jsonl.toString())));
        assertThat(output).contains("excel_import: ready, 3 events, 0 rejected")
                .contains("pcap_test_log: ready, 5 events, 0 rejected")
                .contains("json_entries: ready, 1 events, 0 rejected")
                .contains("mydump: ready, 2 events, 0 rejected")
                .contains("excel_sheet: ready, 1 events, 0 rejected")
                .contains("added timeline: existing index").contains("timelines: 5");
    }
}
