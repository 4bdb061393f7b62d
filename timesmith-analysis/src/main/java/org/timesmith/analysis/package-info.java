/**
 * The analyzer SPI: an {@link org.timesmith.analysis.Analyzer} reads events through its {@link
 * org.timesmith.analysis.AnalysisContext} (search, stream, count on the run's timelines),
 * annotates them and returns a summary; {@link org.timesmith.analysis.AnalyzerRegistry} holds the
 * analyzers a server offers. It depends only on core, so analyzers can be written and tested
 * against a real store without the server, which runs them as background jobs.
 */
package org.timesmith.analysis;
