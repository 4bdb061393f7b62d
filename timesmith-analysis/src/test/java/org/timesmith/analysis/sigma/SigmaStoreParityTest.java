package org.timesmith.analysis.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timesmith.analysis.TestTimelines;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.store.EventStore;
import org.timesmith.store.lucene.LuceneEventStore;
import org.timesmith.store.opensearch.OpenSearchEventStore;
import org.timesmith.store.opensearch.OpenSearchStoreConfig;

/**
 * Converted rules find the same events on both stores: every modifier on events made for it, and
 * SigmaHQ's regression cases, counted on the embedded Lucene store and on a real OpenSearch node.
 */
class SigmaStoreParityTest {

    static final SigmaConverter CONVERTER = new SigmaConverter(SigmaConfig.parse("{}", "no field mapping"),
            Map.of("admins", List.of("root", "Administrator")));

    private static OpenSearchRunner runner;
    private static Path base;
    private static OpenSearchEventStore openSearch;

    @TempDir
    Path dir;

    @BeforeAll
    static void startNode() throws IOException {
        base = Files.createTempDirectory("timesmith-sigma-opensearch-");
        int httpPort = freePort();
        int transportPort = freePort();
        runner = new OpenSearchRunner();
        runner.onBuild((number, settings) -> {
            settings.put("network.host", "127.0.0.1");
            settings.put("http.port", String.valueOf(httpPort));
            settings.put("transport.port", String.valueOf(transportPort));
            settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
            settings.put("indices.breaker.total.use_real_memory", "false");
            settings.put("node.processors", "2");
            settings.put("indices.queries.cache.size", "5%");
            settings.put("indices.fielddata.cache.size", "5%");
            settings.put("action.auto_create_index", "false");
        }).build(OpenSearchRunner.newConfigs().basePath(base.toString()).numOfNode(1)
                .clusterName("timesmith-sigma-test-" + ProcessHandle.current().pid()).disableESLogger());
        runner.ensureYellow();
        openSearch = new OpenSearchEventStore(OpenSearchStoreConfig.of("127.0.0.1:" + httpPort));
    }

    @AfterAll
    static void stopNode() throws IOException {
        if (openSearch != null) {
            openSearch.close();
        }
        if (runner != null) {
            runner.close();
        }
        try (var walk = Files.walk(base)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> event(Object... keyValues) {
        Map<String, Object> event = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            event.put((String) keyValues[i], keyValues[i + 1]);
        }
        event.putIfAbsent("message", "event");
        event.putIfAbsent("timestamp", 1_700_000_000_000_000L);
        event.putIfAbsent("datetime", "2023-11-14T22:13:20Z");
        return event;
    }

    /** Rule detection → the number of the events below it must match. */
    static final Map<String, Integer> MODIFIERS = new LinkedHashMap<>();

    static {
        MODIFIERS.put("sel: {Image|endswith: '\\cmd.exe'}", 2);
        MODIFIERS.put("sel: {CommandLine|contains: 'MD.EX'}", 2);
        MODIFIERS.put("sel: {CommandLine|contains|all: ['whoami', '/all']}", 1);
        MODIFIERS.put("sel: {CommandLine|startswith: 'powershell'}", 2);
        MODIFIERS.put("sel: {CommandLine|cased|contains: 'PowerShell'}", 1);
        MODIFIERS.put("sel: {CommandLine|windash|contains: ' -enc '}", 2);
        MODIFIERS.put("sel: {CommandLine|base64offset|contains: 'Invoke-Mimikatz'}", 1);
        MODIFIERS.put("sel: {CommandLine|wide|base64offset|contains: 'whoami'}", 1);
        MODIFIERS.put("sel: {CommandLine|base64|contains: 'hello'}", 1);
        MODIFIERS.put("sel: {DestinationIp|cidr: ['10.0.0.0/8', '172.16.0.0/12']}", 2);
        MODIFIERS.put("sel: {DestinationIp|cidr: ['fe80::/10', '2603:1016::/36']}", 2);
        MODIFIERS.put("sel: {CommandLine|re: 'who[a-z]+ /ALL'}", 0);
        MODIFIERS.put("sel: {CommandLine|re|i: 'who[a-z]+ /ALL'}", 1);
        MODIFIERS.put("sel: {CommandLine|re: '(^powershell|cmd\\.exe$)'}", 1);
        MODIFIERS.put("sel: {CommandLine|re|s: 'line.two'}", 1);
        MODIFIERS.put("sel: {CommandLine|re: 'line.two'}", 0);
        MODIFIERS.put("sel: {CommandLine|re|m: '^two$'}", 2);
        MODIFIERS.put("sel: {ProcessId|gte: 100}", 2);
        MODIFIERS.put("sel: {ProcessId|lt: 100}", 1);
        MODIFIERS.put("sel: {ParentImage|exists: false}", 5);
        MODIFIERS.put("sel: {ParentImage: null}", 5);
        MODIFIERS.put("sel: {User|expand: '%admins%'}", 2);
        MODIFIERS.put("keywords: [mimikatz]\n    sel: {User: root}\n    condition: keywords or sel", 2);
        MODIFIERS.put("a: {User: root}\n    b: {Image|endswith: '.exe'}\n    condition: all of them", 1);
        MODIFIERS.put("a: {User: root}\n    b: {Image|endswith: '.exe'}\n    condition: 1 of them and not a", 2);
    }

    static List<Map<String, Object>> modifierEvents() {
        String mimikatz = java.util.Base64.getEncoder().encodeToString(
                "IEX (Invoke-Mimikatz -DumpCreds)".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String whoami = java.util.Base64.getEncoder().encodeToString(
                "& whoami /all".getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
        return List.of(
                event("Image", "C:\\Windows\\System32\\cmd.exe", "CommandLine", "C:\\Windows\\System32\\CMD.EXE /c whoami /all",
                        "DestinationIp", "10.1.2.3", "ProcessId", 4, "User", "root", "ParentImage", "C:\\Windows\\explorer.exe"),
                event("Image", "C:\\Tools\\cmd.exe", "CommandLine", "powershell -enc " + mimikatz + " cmd.exe",
                        "DestinationIp", "172.20.0.1", "ProcessId", 100, "message", "mimikatz seen"),
                event("Image", "C:\\Windows\\powershell.exe", "CommandLine", "PowerShell /enc " + whoami,
                        "DestinationIp", "fe80::1", "ProcessId", 200, "User", "Administrator"),
                event("CommandLine", "line one\ntwo\nline three", "DestinationIp", "2603:1016:ab::5"),
                event("CommandLine", "echo aGVsbG8= | base64 -d", "DestinationIp", "192.168.1.1", "User", "alice"),
                event("CommandLine", "line\ntwo", "DestinationIp", "11.0.0.1"));
    }

    @Test
    void everyModifierCountsTheSameOnBothStoresAsExpected() {
        try (LuceneEventStore lucene = new LuceneEventStore(dir)) {
            List<Map<String, Object>> events = modifierEvents();
            TestTimelines.write(lucene, "modifiers", 1, events);
            TestTimelines.write(openSearch, "modifiers", 1, events);
            Map<String, String> wrong = new TreeMap<>();
            for (Map.Entry<String, Integer> entry : MODIFIERS.entrySet()) {
                String detection = entry.getKey().contains("condition:") ? entry.getKey()
                        : entry.getKey() + "\n    condition: sel";
                String yaml = "title: T\nlogsource: {product: windows}\ndetection:\n    " + detection + "\n";
                String query = CONVERTER.toQuery(SigmaRule.parse(yaml, "modifier.yml"));
                long onLucene = lucene.count(SearchRequest.builder("modifiers").query(query).build());
                long onOpenSearch = openSearch.count(SearchRequest.builder("modifiers").query(query).build());
                if (onLucene != entry.getValue() || onOpenSearch != entry.getValue()) {
                    wrong.put(entry.getKey(), "expected " + entry.getValue() + ", Lucene " + onLucene + ", OpenSearch "
                            + onOpenSearch + ": " + query);
                }
            }
            wrong.forEach((rule, why) -> System.out.println("  " + rule + " → " + why));
            assertThat(wrong).isEmpty();
        }
    }

    @Test
    void regressionCasesCountTheSameOnBothStores() throws IOException {
        Map<String, SigmaRule> rules = SigmaRegressionTest.rulesById(TestTimelines.fixture("sigma/rules"));
        List<SigmaRegressionTest.Case> cases = SigmaRegressionTest.cases(TestTimelines.fixture("sigma/regression_data"));
        List<String> differences = new ArrayList<>();
        int compared = 0;
        try (LuceneEventStore lucene = new LuceneEventStore(dir)) {
            int n = 0;
            for (SigmaRegressionTest.Case c : cases) {
                SigmaRule rule = rules.get(c.ruleId());
                if (rule == null) {
                    continue;
                }
                String query;
                try {
                    query = CONVERTER.toQuery(rule);
                } catch (SigmaException e) {
                    continue;
                }
                String index = "regression" + n++;
                List<Map<String, Object>> events = SigmaRegressionTest.events(c.events());
                TestTimelines.write(lucene, index, 1, events);
                TestTimelines.write(openSearch, index, 1, events);
                String onLucene = count(lucene, index, query);
                String onOpenSearch = count(openSearch, index, query);
                compared++;
                if (!onLucene.equals(onOpenSearch)) {
                    differences.add(rule.source() + ": Lucene " + onLucene + ", OpenSearch " + onOpenSearch);
                }
                openSearch.deleteIndex(index);
            }
        }
        System.out.printf("Sigma store parity: %d regression cases compared, %d differ%n", compared, differences.size());
        differences.forEach(d -> System.out.println("  " + d));
        assertThat(compared).isGreaterThan(50);
        assertThat(differences).isEmpty();
    }

    /** The count, or "refused" when the store cannot run the query (both must refuse alike). */
    private static String count(EventStore store, String index, String query) {
        try {
            return Long.toString(store.count(SearchRequest.builder(index).query(query).build()));
        } catch (RuntimeException e) {
            return "refused";
        }
    }
}
