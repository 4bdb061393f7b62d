/**
 * The one time representation Timesmith stores, {@link org.timesmith.core.time.UtcMicros}
 * (microseconds since the epoch, UTC, and its ISO-8601 text with six fraction digits), and {@link
 * org.timesmith.core.time.TimeParser}, which turns the date-time values found in timelines into
 * it. Kept in one place so that readers, the normaliser and the server agree on every timestamp to
 * the microsecond.
 */
package org.timesmith.core.time;
