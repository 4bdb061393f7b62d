/**
 * Benchmarks as programs that print figures: ingest and search of a generated, deterministic
 * timeline on the embedded store and on a real OpenSearch node, the server and client over HTTP,
 * and heap use while they run. Tests never assert on time; these programs are where speed is
 * measured. See {@code docs/benchmarks.md}.
 */
package org.timesmith.bench;
