/**
 * The reference log-reasoning agent ({@code timesmith agent}): an HTTP server implementing the
 * {@code /analyze_logs} NDJSON contract offline and deterministically, from rules and heuristics
 * (Sigma hits, brute force followed by success, new services and scheduled tasks, suspicious command
 * lines, log clearing, beacon-like connections), optionally helped by an OpenAI-compatible model
 * whose findings must cite events it was shown. It is the real peer of the log analyzer in tests,
 * and useful on its own.
 */
package org.timesmith.analysis.llm.agent;
