/** The {@code tagger} analyzer: YAML rules of query → tags, labels and emojis (Timesketch's {@code tags.yaml}). */
package org.timesmith.analysis.tagger;
