/**
 * The domain analyzer: finds the domain of every event with a {@code url} or {@code domain} field
 * and records it on the event, in the spirit of Timesketch's analyzer of the same name
 * (registrable domains through Guava's public suffix list).
 */
package org.timesmith.analysis.domain;
