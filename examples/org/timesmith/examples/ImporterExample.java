package org.timesmith.examples;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.dflib.DataFrame;
import org.timesmith.client.ImportStreamer;
import org.timesmith.client.SearchIndex;
import org.timesmith.client.Sketch;
import org.timesmith.client.Timeline;
import org.timesmith.client.TimesketchClient;
import org.timesmith.client.config.ConfigAssistant;
import org.timesmith.client.config.Prompter;

/**
 * The "Create Timeline From Other Sources" guide in Java: a data frame, maps (network packets),
 * JSON entries, CSV/JSONL/plaso files, an Excel sheet, and a timeline from an index already in
 * the store, each streamed with {@link ImportStreamer} in try-with-resources.
 *
 * <p>Usage: {@code ImporterExample RC_FILE TOKEN_FILE SECTION SKETCH_ID EXCEL_FILE DATA_FILE...}
 */
public final class ImporterExample {

    private ImporterExample() {
    }

    public static void main(String[] args) {
        TimesketchClient ts = new ConfigAssistant(Path.of(args[0]), Path.of(args[1]), Prompter.console())
                .getClient(args[2], Optional.empty());
        Sketch mySketch = ts.getSketch(Long.parseLong(args[3]));
        Path excel = Path.of(args[4]);

        // A data frame.
        DataFrame frame = DataFrame.foldByRow("Timestamp", "What", "URL", "Results").of(
                "2019-05-02 23:21:10", "Something", "http://evil.com", "Nothing to see here",
                "2019-05-22 12:12:45", "Other", "http://notevil.com", "Move on",
                "2019-06-23 02:00:12", "Not really That", "http://totallylegit.com", "Let's not look,shall we");
        ImportStreamer streamer = new ImportStreamer(mySketch);
        try (streamer) {
            streamer.timestampDescription("Web Log");
            streamer.timelineName("excel_import");
            streamer.messageFormatString("{What:s} resulted in {Results:s}, pointed from {URL:s}");
            streamer.addDataFrame(frame);
        }
        report(streamer);

        // Maps: one per packet with a URL.
        ImportStreamer packets = new ImportStreamer(mySketch).timestampDescription("Network Log")
                .timelineName("pcap_test_log")
                .messageFormatString("{src_ip:s}:{src_port:d}->{dst_ip:s}:{dst_port:d} = {url:s}");
        try (packets) {
            for (int i = 0; i < 5; i++) {
                Map<String, Object> packet = new LinkedHashMap<>();
                packet.put("time", Instant.parse("2020-01-01T10:00:00Z").plusSeconds(i).toString());
                packet.put("src_ip", "10.0.0." + i);
                packet.put("dst_ip", "8.8.8.8");
                packet.put("src_port", 40_000 + i);
                packet.put("dst_port", 80);
                packet.put("url", "http://example.com/" + i);
                packets.addDict(packet);
            }
        }
        report(packets);

        // JSON: one JSON object per entry.
        ImportStreamer json = new ImportStreamer(mySketch).timelineName("json_entries");
        try (json) {
            json.addJson("{\"datetime\": \"2020-02-02T02:02:02Z\", \"message\": \"from JSON\", \"source\": \"example\"}");
        }
        report(json);

        // Files: CSV, JSONL or plaso.
        for (int i = 5; i < args.length; i++) {
            ImportStreamer files = new ImportStreamer(mySketch).timestampDescription("some_description");
            try (files) {
                files.addFile(Path.of(args[i]));
            }
            report(files);
        }

        // An Excel sheet.
        ImportStreamer sheet = new ImportStreamer(mySketch).timestampDescription("Web Log").timelineName("excel_sheet")
                .messageFormatString("{What:s} resulted in {Results:s}, pointed from {URL:s}");
        try (sheet) {
            sheet.addExcelFile(excel);
        }
        report(sheet);

        // Data already in the store: make an existing search index a timeline of another sketch.
        Timeline first = mySketch.listTimelines().get(0);
        SearchIndex index = ts.listSearchIndices().stream().filter(s -> s.indexName().equals(first.indexName()))
                .findFirst().orElseThrow();
        Sketch other = ts.createSketch("from existing index", "");
        System.out.println("added timeline: " + other.addTimeline(index.id(), "existing index").name());
        System.out.println("timelines: " + mySketch.listTimelines().size());
    }

    private static void report(ImportStreamer streamer) {
        Timeline timeline = streamer.timeline().orElseThrow();
        String status = timeline.waitUntilDone(Duration.ofMillis(500), Duration.ofMinutes(5));
        System.out.println(timeline.name() + ": " + status + ", " + streamer.eventsAdded() + " events, "
                + streamer.rejectedCount() + " rejected" + (timeline.problems().isEmpty() ? "" : ", " + timeline.problems()));
    }
}
