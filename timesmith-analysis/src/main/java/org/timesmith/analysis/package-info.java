/**
 * The analyzer SPI: an {@link org.timesmith.analysis.Analyzer} (found by {@link java.util.ServiceLoader}
 * through {@link org.timesmith.analysis.AnalyzerRegistry#discover}) reads events through its {@link
 * org.timesmith.analysis.AnalysisContext}, annotates them and records saved searches, stories,
 * questions and conclusions; {@link org.timesmith.analysis.BufferedAnalysisContext} buffers all of
 * it and {@link org.timesmith.analysis.AnalysisRun} commits it only when the analyzer succeeds,
 * producing an {@link org.timesmith.analysis.AnalysisResult}. It depends only on core, so analyzers
 * can be written and tested against a real store without the server ({@link
 * org.timesmith.analysis.LocalAnalysisContext}), which runs them as background jobs. See
 * docs/analyzers.md.
 */
package org.timesmith.analysis;
