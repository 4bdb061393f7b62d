package org.timesmith.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import org.timesmith.server.support.Uploads;

/**
 * Requests built to hurt: path traversal in upload names, absurd chunk fields, broken multipart,
 * deeply nested and oversized JSON, huge query strings, regular expressions that explode, unknown
 * DSL clauses. Each must be answered with a 4xx and a clear {@code message} (never a 500 or a
 * stack trace), and the server must answer a normal request right after.
 */
class AbusiveRequestsTest {

    private static TestServer server;
    private static TsClient alice;
    private static long sketchId;
    private static final List<String> report = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() {
        server = TestServer.shared();
        alice = server.login("alice");
        sketchId = Fixtures.sketch(alice, "Abuse");
        Fixtures.timeline(server, alice, sketchId, "abuse-events", Fixtures.events(20));
    }

    private static String explore() {
        return "/api/v1/sketches/" + sketchId + "/explore/";
    }

    /** A 4xx with a JSON message and no stack trace, then a normal search that works. */
    private static void refusedClearly(String what, TsClient.Response response) {
        report.add(String.format("%-60s %d %s", what, response.status(),
                response.body().substring(0, Math.min(140, response.body().length())).replace('\n', ' ')));
        assertThat(response.status()).as(what + ": " + response.body()).isBetween(400, 499);
        assertThat(response.body()).as(what).doesNotContain("Exception", "\tat ", "at org.", "at java.");
        assertThat(response.json().get("message").asString()).as(what).isNotBlank();
        healthy();
    }

    private static void healthy() {
        TsClient.Response normal = alice.post(explore(), TsClient.map("query", "even"));
        assertThat(normal.status()).as(normal.body()).isEqualTo(200);
        assertThat(normal.json().get("meta").get("es_total_count").asLong()).isEqualTo(10);
    }

    private static TsClient.Response postRaw(String path, String contentType, byte[] body) {
        return alice.raw(path, contentType, body);
    }

    private static TsClient.Response explorePost(String json) {
        return postRaw(explore(), "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void uploadNamesNeverBecomePaths() throws IOException {
        Path outside = server.home().getParent();
        for (String evil : List.of("../../../../../../tmp/timesmith-evil.csv", "..\\..\\timesmith-evil.csv",
                "/etc/passwd", "%2e%2e%2ftimesmith-evil.csv", "timesmith-evil\u0000.csv")) {
            Map<String, String> form = Uploads.form(sketchId, evil);
            form.put("index_name", "");
            TsClient.Response upload = alice.multipart("/api/v1/upload/", form, Map.of(),
                    Map.of("file", Map.entry(evil, "datetime,message,timestamp_desc\n2024-01-01T00:00:00Z,m,t\n"
                            .getBytes(StandardCharsets.UTF_8))));
            report.add(String.format("%-60s %d", "upload file name " + evil, upload.status()));
            // the name is only a label (a timeline name): accepted or refused, never a path
            assertThat(upload.status()).as(upload.body()).isLessThan(500);
            assertThat(upload.body()).doesNotContain("Exception");
        }
        TsClient.Response chunkKey = alice.multipart("/api/v1/upload/", chunkForm("../../../etc/x", "0", "1", "0", "10"),
                Map.of(), Map.of("file", Map.entry("a.csv", "0123456789".getBytes(StandardCharsets.UTF_8))));
        refusedClearly("chunk_index_name with ../", chunkKey);
        try (Stream<Path> files = Files.walk(outside, 1)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("timesmith-evil"));
        }
        assertThat(Path.of("/tmp/timesmith-evil.csv")).doesNotExist();
        healthy();
    }

    private static Map<String, String> chunkForm(String key, String index, String total, String offset, String size) {
        Map<String, String> form = Uploads.form(sketchId, "chunked");
        form.put("chunk_index_name", key);
        form.put("chunk_index", index);
        form.put("chunk_total_chunks", total);
        form.put("chunk_byte_offset", offset);
        form.put("total_file_size", size);
        return form;
    }

    @Test
    void absurdChunkFieldsAreRefused() {
        byte[] ten = "0123456789".getBytes(StandardCharsets.UTF_8);
        Map<String, String[]> cases = new LinkedHashMap<>();
        cases.put("negative chunk_index", new String[] {"-1", "2", "0", "20"});
        cases.put("chunk_index past total", new String[] {"5", "2", "0", "20"});
        cases.put("chunk_index 2^32 (would wrap to 0 as an int)", new String[] {"4294967296", "2", "0", "20"});
        cases.put("chunk_total_chunks 2^32+1 (would wrap to 1)", new String[] {"0", "4294967297", "0", "10"});
        cases.put("chunk_total_chunks 0", new String[] {"0", "0", "0", "20"});
        cases.put("chunk_index not a number", new String[] {"abc", "2", "0", "20"});
        cases.put("negative byte offset", new String[] {"0", "2", "-5", "20"});
        cases.put("byte offset past the file", new String[] {"1", "2", "50", "20"});
        cases.put("total_file_size 10^18 at offset near it", new String[] {"1", "2", "999999999999999990",
                "1000000000000000000"});
        cases.put("total_file_size beyond a long", new String[] {"0", "2", "0", "99999999999999999999999"});
        cases.put("chunk bigger than total_file_size", new String[] {"0", "2", "0", "5"});
        int n = 0;
        for (Map.Entry<String, String[]> c : cases.entrySet()) {
            String[] v = c.getValue();
            TsClient.Response response = alice.multipart("/api/v1/upload/", chunkForm("absurd" + n++, v[0], v[1], v[2],
                    v[3]), Map.of(), Map.of("file", Map.entry("a.csv", ten)));
            refusedClearly(c.getKey(), response);
        }
    }

    @Test
    void malformedMultipartIsRefused() {
        String path = "/api/v1/upload/";
        byte[] part = ("--b\r\nContent-Disposition: form-data; name=\"sketch_id\"\r\n\r\n" + sketchId + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
        refusedClearly("multipart without boundary", postRaw(path, "multipart/form-data", part));
        refusedClearly("multipart with another boundary", postRaw(path, "multipart/form-data; boundary=zzz", part));
        refusedClearly("multipart without closing boundary", postRaw(path, "multipart/form-data; boundary=b", part));
        refusedClearly("multipart part without headers end", postRaw(path, "multipart/form-data; boundary=b",
                "--b\r\nContent-Disposition: form-data; name=\"x\"".getBytes(StandardCharsets.UTF_8)));
        refusedClearly("multipart part without Content-Disposition", postRaw(path, "multipart/form-data; boundary=b",
                "--b\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b--\r\n".getBytes(StandardCharsets.UTF_8)));
        refusedClearly("multipart with a 1 MB header line", postRaw(path, "multipart/form-data; boundary=b",
                ("--b\r\nContent-Disposition: form-data; name=\"" + "x".repeat(1 << 20) + "\"\r\n\r\nv\r\n--b--\r\n")
                        .getBytes(StandardCharsets.UTF_8)));
        byte[] garbage = new byte[100_000];
        new java.util.Random(21).nextBytes(garbage);
        refusedClearly("multipart of random bytes", postRaw(path, "multipart/form-data; boundary=b", garbage));
        refusedClearly("upload that is JSON", postRaw(path, "application/json", "{}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void deeplyNestedAndOversizedJsonIsRefused() {
        for (int depth : List.of(2_000, 100_000)) {
            refusedClearly("explore body with arrays nested " + depth + " deep",
                    explorePost("{\"query\": \"*\", \"filter\": " + "[".repeat(depth) + "]".repeat(depth) + "}"));
            refusedClearly("explore body with objects nested " + depth + " deep",
                    explorePost("{\"query\": \"*\", \"filter\": " + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)
                            + "}"));
            refusedClearly("DSL string nested " + depth + " deep", alice.post(explore(), TsClient.map("query", "",
                    "dsl", "{\"a\":".repeat(depth) + "1" + "}".repeat(depth))));
            refusedClearly("story content nested " + depth + " deep", alice.post("/api/v1/sketches/" + sketchId
                    + "/stories/", TsClient.map("title", "deep", "content", "[".repeat(depth) + "]".repeat(depth))));
        }
        refusedClearly("explore body of 30 MB", explorePost("{\"query\": \"" + "a".repeat(30 << 20) + "\"}"));
        refusedClearly("explore body that is not JSON", explorePost("{\"query\": "));
    }

    @Test
    void hugeAndHostileQueriesAreRefused() {
        TsClient.Response manyTerms = alice.post(explore(), TsClient.map("query",
                String.join(" OR ", java.util.Collections.nCopies(100_000, "a"))));
        refusedClearly("query string of 100,000 OR terms", manyTerms);
        assertThat(manyTerms.body().length()).as("the error echoes only the start of the query").isLessThan(2_000);
        refusedClearly("query string nested 10,000 parentheses", alice.post(explore(), TsClient.map("query",
                "(".repeat(10_000) + "a" + ")".repeat(10_000))));
        // Tomcat refuses a request line over max-http-request-header-size before any servlet runs
        TsClient.Response longUrl = alice.get("/api/v1/sketches/" + sketchId + "/event/?event_id="
                + "a".repeat(1 << 20));
        report.add(String.format("%-60s %d %s", "URL query string of 1 MB", longUrl.status(),
                longUrl.body().substring(0, Math.min(140, longUrl.body().length())).replace('\n', ' ')));
        assertThat(longUrl.status()).as(longUrl.body()).isBetween(400, 499);
        assertThat(longUrl.body()).doesNotContain("Exception", "at org.", "Tomcat/");
        healthy();
        for (String regex : List.of("/(a+)+b/", "/(a|aa)*c/", "/((a*)*)*b/", "/.*.*.*.*.*.*.*.*.*.*=.*.*.*.*.*.*/",
                "/[a-z]{1,1000}[0-9]{1,1000}[a-z]{1,1000}/", "/(.*a){30}/")) {
            TsClient.Response response = alice.post(explore(), TsClient.map("query", "message:" + regex));
            report.add(String.format("%-60s %d", "regex " + regex, response.status()));
            assertThat(response.status()).as(regex + " " + response.body()).isIn(200, 400);
            assertThat(response.body()).doesNotContain("Exception", "at org.");
            healthy();
        }
        refusedClearly("DSL regexp that explodes", alice.post(explore(), TsClient.map("query", "", "dsl",
                TsClient.map("query", TsClient.map("regexp", TsClient.map("message", "(.*a){200}"))))));
        refusedClearly("DSL with an unknown clause", alice.post(explore(), TsClient.map("query", "", "dsl",
                TsClient.map("query", TsClient.map("no_such_clause", TsClient.map("message", "x"))))));
        refusedClearly("DSL with a script clause", alice.post(explore(), TsClient.map("query", "", "dsl",
                TsClient.map("query", TsClient.map("script", TsClient.map("script", "1 == 1"))))));
        refusedClearly("DSL that is a number", alice.post(explore(), TsClient.map("query", "", "dsl", 42)));
        refusedClearly("DSL bool of unknown clauses", alice.post(explore(), TsClient.map("query", "", "dsl",
                TsClient.map("query", TsClient.map("bool", TsClient.map("must", List.of(TsClient.map("nope",
                        Map.of()))))))));
        refusedClearly("size of 10^12", alice.post(explore(), TsClient.map("query", "*", "filter",
                TsClient.map("size", 1_000_000_000_000L))));
        refusedClearly("negative from", alice.post(explore(), TsClient.map("query", "*", "filter",
                TsClient.map("from", -5))));
    }

    @AfterAll
    static void printReport() throws IOException {
        // also written to a file: surefire does not keep what a class-level method prints
        String text = "Abusive requests:\n" + String.join("\n", report) + "\n";
        System.out.println(text);
        Files.writeString(Path.of("target", "abusive-requests.txt"), text);
    }
}
