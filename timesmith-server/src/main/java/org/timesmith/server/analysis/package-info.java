/**
 * Analyzer runs on timelines (§8): sessions and analyses in the metadata database, one JobRunr job
 * per analysis, and {@code AnalyzerBeans}, the list of analyzers the server offers (every {@link
 * org.timesmith.analysis.Analyzer} bean). The analyzers themselves live in {@code
 * timesmith-analysis}; this package only schedules them and reports their state in Timesketch's
 * shapes.
 */
package org.timesmith.server.analysis;
