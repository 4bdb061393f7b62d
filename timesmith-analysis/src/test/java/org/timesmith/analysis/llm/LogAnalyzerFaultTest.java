package org.timesmith.analysis.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timesmith.analysis.AnalysisResult;
import org.timesmith.analysis.TestTimelines;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.store.EventStream;
import org.timesmith.store.lucene.LuceneEventStore;

/**
 * The log analyzer against agents that misbehave, over real HTTP on loopback: down, silent past the
 * read timeout, closing mid-answer, sending garbage, more than 100 error lines, a 50 MB line, record
 * ids it never got; and the other answer shapes Timesketch accepts. Each run ends with a clear status,
 * and what it keeps is exactly the complete findings received.
 */
class LogAnalyzerFaultTest {

    private static final String INDEX = "faults";

    @TempDir
    Path dir;
    private LuceneEventStore store;
    private List<String> ids;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void events() {
        store = new LuceneEventStore(dir.resolve("index"));
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("message", "event " + i);
            event.put("datetime", "2024-03-01T10:0" + i + ":00+00:00");
            event.put("timestamp", 1_709_287_200_000_000L + i * 60_000_000L);
            event.put("timestamp_desc", "Event Time");
            events.add(event);
        }
        TestTimelines.write(store, INDEX, 1, events);
        ids = new ArrayList<>();
        try (EventStream stream = store.stream(SearchRequest.builder(INDEX).query("*").build())) {
            stream.forEachRemaining(e -> ids.add(e.id()));
        }
    }

    @AfterEach
    void close() {
        release.countDown();
        store.close();
    }

    private static String finding(String id, String question, String conclusion, String priority) {
        return "{\"record_id\":\"" + id + "\",\"annotations\":[{\"investigative_question\":\"" + question
                + "\",\"conclusions\":[\"" + conclusion + "\"],\"priority\":\"" + priority
                + "\",\"attack_stage\":\"Execution\"},{\"unknown\":true}],\"extra\":{\"ignored\":1}}\n";
    }

    private LlmRun run(URI url, Duration timeout) {
        return LlmRun.run(store, INDEX, LlmRun.agentAt(url, timeout));
    }

    /**
     * An agent that answers 8 MB before it reads any of about 20 MB of events: the sockets cannot
     * buffer both, so the run ends only because the provider reads the answer while it sends.
     */
    @Test
    void findingsAreReadWhileTheEventsAreStillBeingSent(@TempDir Path other) throws IOException {
        try (LuceneEventStore big = new LuceneEventStore(other.resolve("index"))) {
            List<Map<String, Object>> events = new ArrayList<>();
            for (int i = 0; i < 100_000; i++) {
                events.add(Map.of("message", "event " + i + " " + "x".repeat(120), "datetime", "2024-03-01T10:00:00+00:00",
                        "timestamp", 1_709_287_200_000_000L + i, "timestamp_desc", "Event Time"));
            }
            TestTimelines.write(big, "big", 1, events);
            String first;
            try (EventStream stream = big.stream(SearchRequest.builder("big").query("*").build())) {
                first = stream.next().id();
            }
            String line = finding(first, "Early?", "Answered before reading", "low");
            try (FakeAgent agent = new FakeAgent(out -> {
                FakeAgent.head(out, "application/x-ndjson");
                StringBuilder block = new StringBuilder();
                while (block.length() < 256 * 1024) {
                    block.append(line);
                }
                for (int i = 0; i < 32; i++) {
                    FakeAgent.chunk(out, block.toString());
                }
            }, true)) {
                LlmRun run = LlmRun.run(big, "big", LlmRun.agentAt(agent.url(), Duration.ofSeconds(60)));
                assertThat(run.result.status()).as(run.result.summary()).isEqualTo(AnalysisResult.Status.SUCCESS);
                assertThat(run.result.counts()).containsEntry("events_sent", 100_000L);
                assertThat(run.result.counts().get("findings")).isGreaterThan(30_000L);
                assertThat(run.conclusions()).singleElement().satisfies(c ->
                        assertThat(c.facts()).extracting(f -> f.id()).containsExactly(first));
            }
        }
    }

    @Test
    void agentDownFailsAndKeepsNothing() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        LlmRun run = run(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(5));
        assertThat(run.result.status()).isEqualTo(AnalysisResult.Status.ERROR);
        assertThat(run.result.summary()).startsWith("Log analysis failed: cannot connect to agent at http://127.0.0.1:" + port
                + "/analyze_logs: ").endsWith("Processed 0 findings: 0 questions, 0 conclusions, 0 errors, 0 malformed lines (0 events sent)");
        assertThat(run.context.objects()).isEmpty();
    }

    @Test
    void silentAgentTimesOutKeepingWhatCameBefore() throws IOException {
        try (FakeAgent agent = new FakeAgent(out -> {
            FakeAgent.head(out, "application/x-ndjson");
            FakeAgent.chunk(out, finding(ids.get(0), "Q1?", "C1", "high"));
            release.await();
        })) {
            LlmRun run = run(agent.url(), Duration.ofSeconds(1));
            assertThat(run.result.status()).isEqualTo(AnalysisResult.Status.ERROR);
            assertThat(run.result.summary()).startsWith("Log analysis failed: agent at " + agent.url()
                    + "/analyze_logs sent nothing for 1 s (the read timeout)")
                    .endsWith("Processed 1 findings: 1 questions, 1 conclusions, 0 errors, 0 malformed lines (5 events sent)");
            assertThat(run.questions()).extracting(q -> q.text()).containsExactly("Q1?");
            assertThat(run.conclusions()).extracting(c -> c.text()).containsExactly("C1");
            assertThat(run.listener.lines).last().asString().startsWith("ERROR: Log analysis failed");
        }
    }

    @Test
    void droppedConnectionKeepsCompleteFindingsOnly() throws IOException {
        try (FakeAgent agent = new FakeAgent(out -> {
            FakeAgent.head(out, "application/x-ndjson");
            FakeAgent.chunk(out, finding(ids.get(0), "Q1?", "C1", "low") + finding(ids.get(1), "Q2?", "C2", "medium"));
            // a third finding cut off inside its chunk, then the connection ends
            out.write("200\r\n{\"record_id\":\"".getBytes());
            out.flush();
        })) {
            LlmRun run = run(agent.url(), Duration.ofSeconds(30));
            assertThat(run.result.status()).isEqualTo(AnalysisResult.Status.ERROR);
            assertThat(run.result.summary()).contains("closed the connection in the middle of its answer")
                    .endsWith("Processed 2 findings: 2 questions, 2 conclusions, 0 errors, 0 malformed lines (5 events sent)");
            assertThat(run.conclusions()).extracting(c -> c.text()).containsExactlyInAnyOrder("C1", "C2");
        }
    }

    @Test
    void garbageLinesAreCountedAndTheRestApplied() throws IOException {
        try (FakeAgent agent = new FakeAgent(out -> {
            FakeAgent.head(out, "application/x-ndjson");
            FakeAgent.chunk(out, "not json\n[1,2\n{\"foo\": 1}\n42\n\n{\"record_id\":\"" + ids.get(2) + "\"}\n");
            FakeAgent.chunk(out, finding(ids.get(2), "Q?", "C", "critical"));
            FakeAgent.end(out);
        })) {
            LlmRun run = run(agent.url(), Duration.ofSeconds(30));
            assertThat(run.result.status()).isEqualTo(AnalysisResult.Status.SUCCESS);
            assertThat(run.result.summary())
                    .isEqualTo("Processed 1 findings: 1 questions, 1 conclusions, 0 errors, 5 malformed lines (5 events sent)");
            assertThat(run.result.counts()).containsEntry("malformed_lines", 5L).containsEntry("problems", 1L);
            assertThat(run.listener.lines).anyMatch(l -> l.startsWith("answer line 1 is malformed: not JSON: "));
            assertThat(run.listener.lines).contains("answer line 6 is malformed: a finding without annotations");
            assertThat(run.questions()).singleElement().satisfies(q ->
                    assertThat(q.marks().orElseThrow().priority()).contains("high"));
        }
    }

    @Test
    void moreThanAHundredErrorLinesStopTheRun() throws IOException {
        try (FakeAgent agent = new FakeAgent(out -> {
            FakeAgent.head(out, "application/x-ndjson");
            FakeAgent.chunk(out, finding(ids.get(3), "Q?", "C", "low"));
            StringBuilder errors = new StringBuilder();
            for (int i = 1; i <= 101; i++) {
                errors.append("{\"error\":\"model overloaded ").append(i).append("\"}\n");
            }
            FakeAgent.chunk(out, errors.toString());
            FakeAgent.chunk(out, finding(ids.get(4), "Late?", "never read", "low"));
            FakeAgent.end(out);
        })) {
            LlmRun run = run(agent.url(), Duration.ofSeconds(30));
            assertThat(run.result.status()).isEqualTo(AnalysisResult.Status.ERROR);
            assertThat(run.result.summary()).isEqualTo("Log analysis failed: the agent sent more than 100 error lines. "
                    + "Processed 1 findings: 1 questions, 1 conclusions, 101 errors, 0 malformed lines (5 events sent)");
            assertThat(run.conclusions()).extracting(c -> c.text()).containsExactly("C");
        }
    }

    @Test
    void aFiftyMegabyteLineIsSkippedWithoutHoldingIt() throws IOException {
        try (FakeAgent agent = new FakeAgent(out -> {
            FakeAgent.head(out, "application/x-ndjson");
            FakeAgent.chunk(out, "{\"record_id\":\"" + ids.get(0) + "\",\"annotations\":[{\"investigative_question\":\"Big?\","
                    + "\"conclusions\":[\"");
            String mega = "x".repeat(1024 * 1024);
            for (int i = 0; i < 50; i++) {
                FakeAgent.chunk(out, mega);
            }
            FakeAgent.chunk(out, "\"]}]}\n" + finding(ids.get(1), "Small?", "fits", "medium"));
            FakeAgent.end(out);
        })) {
            LlmRun run = run(agent.url(), Duration.ofSeconds(60));
            assertThat(run.result.status()).isEqualTo(AnalysisResult.Status.SUCCESS);
            assertThat(run.result.summary())
                    .isEqualTo("Processed 1 findings: 1 questions, 1 conclusions, 0 errors, 1 malformed lines (5 events sent)");
            assertThat(run.listener.lines).anyMatch(l -> l.startsWith("answer line 1 is malformed: a line of 52428")
                    && l.endsWith("bytes, longer than the 8388608 bytes allowed; skipped"));
            assertThat(run.questions()).extracting(q -> q.text()).containsExactly("Small?");
        }
    }

    @Test
    void recordIdsTheTimelinesDoNotHoldAreLeftOut() throws IOException {
        try (FakeAgent agent = new FakeAgent(out -> {
            FakeAgent.head(out, "application/x-ndjson");
            FakeAgent.chunk(out, finding("no-such-event", "Invented?", "C", "low"));
            FakeAgent.end(out);
        })) {
            LlmRun run = run(agent.url(), Duration.ofSeconds(30));
            assertThat(run.result.status()).isEqualTo(AnalysisResult.Status.NO_FINDINGS);
            assertThat(run.result.counts()).containsEntry("unknown_records", 1L);
            assertThat(run.context.objects()).isEmpty();
        }
    }

    @Test
    void timesketchSingleResponseShapesAreRead() throws IOException {
        String report = "Summary of the investigation.\n\n" + FindingParser.FINDINGS_HEADING + "\n\n[{\"finding\": \"Was PsExec used?\","
                + " \"severity\": \"critical\", \"record_ids\": [\"" + ids.get(0) + "\", \"" + ids.get(1) + "\"],"
                + " \"description\": \"Two service installs.\", \"relevance\": \"Remote execution.\"}]";
        try (FakeAgent agent = new FakeAgent(out -> {
            FakeAgent.head(out, "application/x-ndjson");
            FakeAgent.chunk(out, "{\"findings\": [{\"log_records\": [{\"record_id\": \"" + ids.get(2) + "\"}], \"annotations\":"
                    + " [{\"investigative_question\": \"Q?\", \"conclusions\": [\"C\"], \"priority\": \"notice\"}]}],"
                    + " \"report_summary\": \"all fine\"}\n");
            FakeAgent.chunk(out, "{\"content\": " + tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(report) + "}\n");
            FakeAgent.end(out);
        })) {
            LlmRun run = run(agent.url(), Duration.ofSeconds(30));
            assertThat(run.result.status()).isEqualTo(AnalysisResult.Status.SUCCESS);
            assertThat(run.result.counts()).containsEntry("findings", 2L);
            Map<String, String> priorities = new LinkedHashMap<>();
            run.questions().forEach(q -> priorities.put(q.text(), q.marks().orElseThrow().priority().orElse("")));
            assertThat(priorities).containsOnly(Map.entry("Q?", "low"), Map.entry("Was PsExec used?", "high"));
            assertThat(run.conclusions()).filteredOn(c -> c.text().startsWith("Two")).singleElement().satisfies(c -> {
                assertThat(c.text()).isEqualTo("Two service installs.\n\nRemote execution.");
                assertThat(c.facts()).extracting(f -> f.id()).containsExactly(ids.get(0), ids.get(1));
            });
        }
        try (FakeAgent agent = new FakeAgent(out -> {
            FakeAgent.head(out, "text/markdown");
            FakeAgent.chunk(out, report);
            FakeAgent.end(out);
        })) {
            LlmRun run = run(agent.url(), Duration.ofSeconds(30));
            assertThat(run.result.status()).isEqualTo(AnalysisResult.Status.SUCCESS);
            assertThat(run.questions()).extracting(q -> q.text()).containsExactly("Was PsExec used?");
        }
    }

    @Test
    void identicalConclusionsAreMergedAndPriorityOnlyRises() throws IOException {
        try (FakeAgent agent = new FakeAgent(out -> {
            FakeAgent.head(out, "application/x-ndjson");
            FakeAgent.chunk(out, finding(ids.get(0), "Q?", "Same", "high") + finding(ids.get(1), "Q?", "Same", "low")
                    + finding(ids.get(1), "Q?", "Same", "low"));
            FakeAgent.end(out);
        })) {
            LlmRun run = run(agent.url(), Duration.ofSeconds(30));
            assertThat(run.result.summary()).startsWith("Processed 3 findings: 1 questions, 1 conclusions");
            assertThat(run.questions()).singleElement().satisfies(q -> {
                assertThat(q.marks().orElseThrow().priority()).contains("high");
                assertThat(q.marks().orElseThrow().status()).contains("pending-review");
                assertThat(q.marks().orElseThrow().attributes()).containsExactly(Map.entry("source", "AI_GENERATED"),
                        Map.entry("attack_stage_suggestion", "Execution"));
            });
            assertThat(run.conclusions()).singleElement().satisfies(c -> {
                assertThat(c.facts()).extracting(f -> f.id()).containsExactly(ids.get(0), ids.get(1));
                assertThat(c.marks().orElseThrow().source()).isEqualTo("AI_GENERATED");
                assertThat(c.marks().orElseThrow().priority()).isEqualTo("high");
            });
        }
    }
}
