/**
 * Stories (§6 of {@code docs/timesketch-api.md}): their content as the JSON list of blocks the
 * client and web UI edit, rendering to Markdown and HTML, and the sketch archive export ZIP
 * (§3.3), the sketch package's {@code SketchExporter} implemented here because the archive is
 * mostly stories and the saved searches and aggregations they show.
 */
package org.timesmith.server.story;
