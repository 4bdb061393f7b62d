/**
 * The Java API client for Timesketch API v1 servers (Timesmith or Timesketch), the counterpart of
 * Timesketch's Python client: {@link org.timesmith.client.TimesketchClient} logs in the way the
 * Python client does and gives access to sketches, timelines, searches with chips, aggregations,
 * stories, analyzers and Sigma rules; {@link org.timesmith.client.ImportStreamer} is the
 * counterpart of Timesketch's importer. It depends on core only for readers and message formats,
 * never on Lucene, Spring or a database driver, so it stays a small library.
 */
package org.timesmith.client;
