/**
 * The import flow every importer shares: {@link org.timesmith.core.ingest.ImportPipeline} drives
 * reader → normaliser → bulk writer, streaming, and counts every record so that read = indexed + rejected
 * + filtered (left out by an event filter) holds or the import fails; {@link org.timesmith.core.ingest.ImportSummary} is what it
 * reports and {@link org.timesmith.core.ingest.ImportListener} receives progress. It lives in core
 * so that the CLI's local import and the server's import jobs cannot drift apart.
 */
package org.timesmith.core.ingest;
