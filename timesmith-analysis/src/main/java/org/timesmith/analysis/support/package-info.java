/**
 * What the built-in analyzers share: per-event annotations gathered during one streaming pass and
 * written in grouped calls ({@link org.timesmith.analysis.support.Annotations}), Timesketch's emoji
 * names, YAML rule files with a deployment override, Python-style regular expressions from those
 * files, and MinHash signatures.
 */
package org.timesmith.analysis.support;
