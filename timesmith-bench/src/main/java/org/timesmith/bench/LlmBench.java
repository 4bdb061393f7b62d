package org.timesmith.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.timesmith.analysis.AnalysisListener;
import org.timesmith.analysis.AnalysisResult;
import org.timesmith.analysis.AnalysisRun;
import org.timesmith.analysis.AnalyzerResources;
import org.timesmith.analysis.LocalAnalysisContext;
import org.timesmith.analysis.llm.LlmLogAnalyzer;
import org.timesmith.analysis.llm.LlmProviderConfig;
import org.timesmith.analysis.llm.LlmProviders;
import org.timesmith.analysis.llm.LogAnalyzer;
import org.timesmith.analysis.llm.agent.ReferenceAgent;
import org.timesmith.core.event.Event;
import org.timesmith.store.lucene.LuceneEventStore;

/**
 * The LLM log analyzer's figures (issue 17): N generated events (every 5,000th a Windows service
 * install, 100 distinct services; the rest plain messages) in the embedded Lucene store, streamed by
 * {@code llm_log_analyzer} through the real provider over loopback HTTP to the reference agent, which
 * runs in a child JVM with the same {@code -Xmx} so each end's heap is its own. Prints events/s of the
 * analyzer step and of the whole run, and the peak heap of both ends (in use, and live after GC).
 *
 * <pre>java -Xmx256m -cp "timesmith-bench/target/timesmith-bench-*.jar:timesmith-bench/target/lib/*" \
 *     org.timesmith.bench.LlmBench [events (default 1000000)] [work dir (default target/llm-bench)]</pre>
 */
public final class LlmBench {

    private static final int SERVICE_EVERY = 5000;
    /** The fields Timesketch's llm_log_analyzer sends (its return_fields), plus what the agent's service rule reads. */
    private static final String TIMESKETCH_FIELDS = "data_type,datetime,message,timestamp,timestamp_desc,tag,"
            + "event_identifier,service_name,image_path";

    private LlmBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--agent")) {
            agent();
            return;
        }
        long events = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        Path dir = AnalyzerBench.indexDirectory("LLM log analyzer bench", events,
                Path.of(args.length > 1 ? args[1] : "target/llm-bench"));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + (Runtime.getRuntime().maxMemory() >> 20) + "m", "-cp", System.getProperty("java.class.path"),
                LlmBench.class.getName(), "--agent").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader fromAgent = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String url = fromAgent.readLine();
        if (url == null || !url.startsWith("http")) {
            throw new IllegalStateException("the agent did not start: " + url);
        }
        try (LuceneEventStore store = new LuceneEventStore(dir)) {
            long start = System.nanoTime();
            write(store, "bench", events);
            System.out.printf("generated and indexed in %.1f s%n", (System.nanoTime() - start) / 1e9);
            LlmProviders providers = LlmProviders.of(Map.of(LogAnalyzer.FEATURE, "agent"), Map.of("agent",
                    new LlmProviderConfig("agent", LlmProviderConfig.LOG_AGENT, java.net.URI.create(url), Optional.empty(),
                            Map.of(), Duration.ofMinutes(20), Optional.empty())));
            for (int pass = 1; pass <= 2; pass++) {
                System.out.println("pass " + pass + (pass == 1 ? " (cold JVM)" : " (warm)"));
                sendSideAlone(store);
                measure(store, providers, events, Map.of(), "all fields, in time order");
                measure(store, providers, events, Map.of("parallel", true), "all fields, parallel slices");
                measure(store, providers, events, Map.of("fields", TIMESKETCH_FIELDS), "Timesketch's fields");
            }
        } finally {
            child.getOutputStream().close();
            String line;
            while ((line = fromAgent.readLine()) != null) {
                System.out.println("agent: " + line);
            }
            child.waitFor();
        }
    }

    private static void measure(LuceneEventStore store, LlmProviders providers, long events, Map<String, Object> kwargs,
                                String variant) {
        AnalysisResult result;
        long start = System.nanoTime();
        HeapMeter.Peaks peaks;
        try (HeapMeter heap = new HeapMeter()) {
            LocalAnalysisContext context = new LocalAnalysisContext(1, Map.of(1L, "bench"), kwargs, store,
                    AnalysisListener.NONE, AnalyzerResources.of(providers));
            result = AnalysisRun.run(new LlmLogAnalyzer(), context);
            peaks = heap.peaks();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long analyzeMillis = result.steps().stream().filter(s -> s.name().equals("analyze")).mapToLong(s -> s.millis()).sum();
        System.out.printf("llm_log_analyzer (%s) %s: %s%n  analyze %,d ms = %,.0f events/s; whole run %,.1f s = %,.0f events/s;"
                        + " analyzer peak heap used %d MB, peak live after GC %d MB%n",
                variant, result.status(), result.summary(), analyzeMillis, events / Math.max(1e-3, analyzeMillis / 1000.0),
                seconds, events / seconds, peaks.used() >> 20, peaks.liveAfterGc() >> 20);
    }

    /** The sending side without the agent: every event streamed with all fields and written as NDJSON to nowhere. */
    private static void sendSideAlone(LuceneEventStore store) throws java.io.IOException {
        tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
        java.io.OutputStream nowhere = java.io.OutputStream.nullOutputStream();
        long start = System.nanoTime();
        long n = 0;
        try (org.timesmith.core.store.EventStream stream = store.stream(
                org.timesmith.core.search.SearchRequest.builder("bench").query("*").build())) {
            while (stream.hasNext()) {
                org.timesmith.core.search.StoredEvent event = stream.next();
                Map<String, Object> line = new LinkedHashMap<>(4);
                line.put("_index", event.index());
                line.put("_id", event.id());
                line.put("_source", event.source());
                nowhere.write(json.writeValueAsBytes(line));
                n++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("send side alone (store stream, all fields, NDJSON): %,d events in %.1f s = %,.0f events/s%n",
                n, seconds, n / seconds);
    }

    /** The child: serves until its stdin closes, then prints its peak heap and what it served. */
    private static void agent() throws IOException {
        List<String> served = new ArrayList<>();
        AtomicReference<HeapMeter.Peaks> peaks = new AtomicReference<>();
        try (HeapMeter heap = new HeapMeter();
             ReferenceAgent agent = ReferenceAgent.start(ReferenceAgent.Options.loopback(0), line -> {
                 synchronized (served) {
                     served.add(line);
                 }
             })) {
            System.out.println(agent.url());
            System.out.flush();
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
            peaks.set(heap.peaks());
        }
        synchronized (served) {
            served.forEach(System.out::println);
        }
        System.out.printf("agent peak heap used %d MB, peak live after GC %d MB (-Xmx %d MB)%n", peaks.get().used() >> 20,
                peaks.get().liveAfterGc() >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }

    /** Every {@value #SERVICE_EVERY}th event becomes a service install (100 distinct services). */
    private static void write(LuceneEventStore store, String index, long events) {
        AnalyzerBench.write(store, index, events, (e, i) -> {
            if (i % SERVICE_EVERY == 0) {
                e.put(Event.MESSAGE, "A service was installed in the system");
                e.put("event_identifier", 7045);
                e.put("service_name", "svc" + (i / SERVICE_EVERY % 100));
                e.put("image_path", "C:\\Windows\\Temp\\svc" + (i / SERVICE_EVERY % 100) + ".exe");
            }
        });
    }
}
