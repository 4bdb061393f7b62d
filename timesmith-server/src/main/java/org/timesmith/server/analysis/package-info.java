/**
 * Analyzer runs on timelines (§8): sessions and analyses in the metadata database, one JobRunr job
 * per analysis, {@code AnalyzerBeans} (the analyzers {@link java.util.ServiceLoader} finds, and the
 * beans offered to them as resources) and {@code ServerAnalysisContext}, which turns a successful
 * run's buffered findings into saved searches, aggregations, stories and DFIQ questions and
 * conclusions (one transaction) before its annotations are written. The analyzers themselves live
 * in {@code timesmith-analysis}; this package schedules them and reports their state, progress, log
 * and structured result in Timesketch's shapes.
 */
package org.timesmith.server.analysis;
