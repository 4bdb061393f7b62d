/**
 * Reads plaso storage files (SQLite) without a plaso installation and yields each event as the
 * document psort's {@code opensearch_ts} output would give Timesketch: decoding plaso's JSON
 * serialisation ({@code PlasoValues}), walking the storage tables ({@code PlasoStorage}), building
 * the document and its message from plaso's formatters ({@code PlasoDocument}, {@code
 * MessageFormatters}) and dropping the duplicates psort drops. Separate from the other readers
 * because it is a small reimplementation of psort. The {@code doc §} references in this package
 * are to the notes on the plaso storage format that the reader was written from, not to {@code
 * docs/timesketch-api.md}.
 */
package org.timesmith.core.reader.plaso;
