package org.timesmith.server.analysis.testanalyzers;

import java.nio.file.Files;
import java.nio.file.Path;
import org.timesmith.analysis.AnalysisContext;
import org.timesmith.analysis.AnalysisException;
import org.timesmith.analysis.Analyzer;
import org.timesmith.analysis.AnalyzerOutcome;

/**
 * Test analyzer: reports half its progress and a log line, then waits until the file named by the
 * kwarg {@code gate} exists (at most a minute), so a test can watch a running session.
 */
public final class GatedAnalyzer implements Analyzer {

    @Override
    public String name() {
        return "test_gated";
    }

    @Override
    public String displayName() {
        return "Test: waits for a gate";
    }

    @Override
    public String description() {
        return "Waits for a file (test)";
    }

    @Override
    public AnalyzerOutcome run(AnalysisContext context) {
        Path gate = Path.of(context.kwarg("gate").orElseThrow(() -> new AnalysisException("gate kwarg missing")));
        context.log("half-way, waiting for the gate");
        context.progress(0.5, 21);
        try {
            for (int i = 0; i < 600 && !Files.exists(gate); i++) {
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnalysisException("interrupted");
        }
        context.progress(1, 42);
        return AnalyzerOutcome.success("gate opened");
    }
}
