/**
 * The event store SPI: {@link org.timesmith.core.store.EventStore}, its batched, back-pressured
 * {@link org.timesmith.core.store.BulkWriter} and the page-by-page {@link
 * org.timesmith.core.store.EventStream}. The embedded Lucene store and the OpenSearch store
 * implement it, and both pass the contract kit in this module's test-jar ({@code
 * org.timesmith.core.store.contract.EventStoreContract}), which is how callers can ignore which
 * one they run on.
 */
package org.timesmith.core.store;
