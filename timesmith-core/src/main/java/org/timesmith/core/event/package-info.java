/**
 * The stored event and what identifies it: {@link org.timesmith.core.event.Event} (a deterministic
 * id and a Timesketch-shaped source document), {@link org.timesmith.core.event.EventIds}, which
 * derives ids from the data source and the record's position so a retried import overwrites
 * instead of duplicating, and {@link org.timesmith.core.event.Label}, one entry of {@code
 * timesketch_label}. Every other module agrees on field names through the constants here, because
 * user queries and DSL written for Timesketch must find the same fields.
 */
package org.timesmith.core.event;
