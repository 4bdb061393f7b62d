package org.timesmith.server.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import tools.jackson.databind.JsonNode;

/** Upload helpers shaped like the Timesketch importer's requests, and polling like its CLI. */
public final class Uploads {

    private Uploads() {
    }

    /** JSON Lines records {@code from..to-1} with message, datetime, timestamp_desc and a user field. */
    public static String jsonl(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "{\"message\": \"upload " + i + "\", \"datetime\": "
                + "\"2023-01-01T10:00:" + String.format("%02d", i % 60) + ".000000+0000\", \"timestamp_desc\": "
                + "\"Time Logged\", \"user\": \"u" + (i % 4) + "\"}").collect(Collectors.joining("\n"));
    }

    /** The importer's form fields for a sketch and timeline name. */
    public static Map<String, String> form(long sketchId, String name) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", name);
        form.put("sketch_id", String.valueOf(sketchId));
        form.put("data_label", "");
        form.put("provider", "Importer library");
        return form;
    }

    /**
     * Sends {@code file} through {@code POST upload/} in chunks of {@code chunkBytes} under the chunk key
     * {@code key}, as the Timesketch client sends big files; returns the last chunk's answer (it names
     * the timeline). A chunk that is not accepted fails the call.
     */
    public static TsClient.Response chunked(TsClient client, long sketchId, String name, String key, byte[] file,
                                            int chunkBytes) {
        return chunked(client, sketchId, name, name + ".csv", key, file, chunkBytes);
    }

    /** {@link #chunked} of a file sent under {@code fileName}, whose extension may name its format ({@code .evtx}). */
    public static TsClient.Response chunked(TsClient client, long sketchId, String name, String fileName, String key,
                                            byte[] file, int chunkBytes) {
        int chunks = (file.length + chunkBytes - 1) / chunkBytes;
        TsClient.Response last = null;
        for (int i = 0; i < chunks; i++) {
            int from = i * chunkBytes;
            Map<String, String> fields = form(sketchId, name);
            fields.put("total_file_size", String.valueOf(file.length));
            fields.put("chunk_total_chunks", String.valueOf(chunks));
            fields.put("chunk_index_name", key);
            fields.put("chunk_index", String.valueOf(i));
            fields.put("chunk_byte_offset", String.valueOf(from));
            byte[] part = java.util.Arrays.copyOfRange(file, from, Math.min(file.length, from + chunkBytes));
            last = client.multipart("/api/v1/upload/", fields, Map.of(), Map.of("file", Map.entry(fileName, part)));
            if (last.status() != 200 && last.status() != 201) {
                throw new AssertionError("chunk " + i + " of " + chunks + ": HTTP " + last.status() + " " + last.body());
            }
        }
        return last;
    }

    /** Polls the timeline like the importer CLI until it leaves processing; returns the timeline object. */
    public static JsonNode waitForImport(TsClient client, long sketchId, long timelineId) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            JsonNode timeline = client.get("/api/v1/sketches/" + sketchId + "/timelines/" + timelineId + "/").json()
                    .get("objects").get(0);
            String status = timeline.get("status").get(0).get("status").asString();
            if (!status.equals("processing") && !status.equals("new")) {
                return timeline;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the import did not finish");
    }

    /** Explore count over the given indices selection. */
    public static long count(TsClient client, long sketchId, Object indices) {
        Map<String, Object> body = TsClient.map("query", "*", "filter", TsClient.map("indices", indices), "count", true);
        return client.post("/api/v1/sketches/" + sketchId + "/explore/", body).json().get("meta").get("total_count")
                .asLong();
    }
}
