/**
 * The {@link org.timesmith.core.store.EventStore} on an OpenSearch cluster through the
 * opensearch-java client: Timesketch's index mapping ({@code IndexMapping}), search requests as
 * OpenSearch bodies ({@code RequestBodies}), point-in-time streams with {@code search_after}, bulk
 * writing with bounded requests in flight, and updates as Painless scripts that make the same
 * edits as the embedded store. This is the scale-out store; it passes the same contract kit as the
 * embedded one.
 */
package org.timesmith.store.opensearch;
