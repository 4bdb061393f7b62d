/**
 * Getting events in (§11, §12): the importer's multipart upload, streamed to disk and staged under
 * {@code uploads/} with duplicates recognised by content; import jobs on JobRunr that run core's
 * reader → normaliser → bulk writer pipeline and record counts and rejections on the data source;
 * the upload's headers mapping, the mapping limit, and tasks reported in Celery's words (§2.8).
 */
package org.timesmith.server.ingest;
