/**
 * Turns reader records into stored events: {@link org.timesmith.core.normalize.Normalizer} applies
 * Timesketch's CSV/JSONL rules (field names, limits, message, timestamp description, time, tags,
 * timeline id, event id; its Javadoc lists every rule in order) and rejects what it cannot store
 * with a reason instead of dropping it. {@link org.timesmith.core.normalize.PythonFormat} is the
 * one implementation of Python's {@code str.format}, {@code str()} and {@code repr()}, used for
 * importer message format strings here and in the client, and for plaso's message formatters. Kept
 * apart from the readers so that every input format goes through the same rules.
 */
package org.timesmith.core.normalize;
