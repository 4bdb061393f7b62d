/**
 * Every input format Timesmith reads, one streaming {@link org.timesmith.core.reader.EventReader}
 * per format (CSV, JSON Lines, JSON, L2T CSV, Excel, Zeek, and plaso in a subpackage), and {@link
 * org.timesmith.core.reader.Readers}, which detects the format from the content and opens the
 * right reader. A reader yields one {@link org.timesmith.core.reader.ReadItem} at a time, a {@link
 * org.timesmith.core.reader.SourceRecord} or a {@link org.timesmith.core.reader.Rejection} naming
 * input, line, field and reason, and never holds a whole file, so memory does not grow with the
 * input; normalisation is not its business.
 */
package org.timesmith.core.reader;
