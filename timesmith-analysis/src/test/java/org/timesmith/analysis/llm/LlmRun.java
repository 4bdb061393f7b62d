package org.timesmith.analysis.llm;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.timesmith.analysis.AnalysisResult;
import org.timesmith.analysis.AnalysisRun;
import org.timesmith.analysis.AnalyzerResources;
import org.timesmith.analysis.Findings;
import org.timesmith.analysis.LocalAnalysisContext;
import org.timesmith.analysis.TestTimelines;
import org.timesmith.core.store.EventStore;

/**
 * One run of {@code llm_log_analyzer} in a local context against an agent at a URL, and what it
 * created: the questions and conclusions as the context kept them.
 */
final class LlmRun {

    final AnalysisResult result;
    final LocalAnalysisContext context;
    final TestTimelines.RecordingListener listener;

    private LlmRun(AnalysisResult result, LocalAnalysisContext context, TestTimelines.RecordingListener listener) {
        this.result = result;
        this.context = context;
        this.listener = listener;
    }

    static LlmProviders agentAt(URI url, Duration readTimeout) {
        LlmProviderConfig config = new LlmProviderConfig("agent", LlmProviderConfig.LOG_AGENT, url, Optional.empty(),
                Map.of(), readTimeout, Optional.empty());
        return LlmProviders.of(Map.of(LogAnalyzer.FEATURE, "agent"), Map.of("agent", config));
    }

    static LlmRun run(EventStore store, String index, LlmProviders providers) {
        return run(store, index, providers, Map.of());
    }

    static LlmRun run(EventStore store, String index, LlmProviders providers, Map<String, Object> kwargs) {
        TestTimelines.RecordingListener listener = new TestTimelines.RecordingListener();
        LocalAnalysisContext context = new LocalAnalysisContext(1, Map.of(1L, index), kwargs, store, listener,
                AnalyzerResources.of(providers));
        return new LlmRun(AnalysisRun.run(new LlmLogAnalyzer(), context), context, listener);
    }

    List<Findings.Question> questions() {
        return context.objects().values().stream().filter(Findings.Question.class::isInstance)
                .map(Findings.Question.class::cast).toList();
    }

    List<Findings.Conclusion> conclusions() {
        return context.objects().values().stream().filter(Findings.Conclusion.class::isInstance)
                .map(Findings.Conclusion.class::cast).toList();
    }
}
