/** The {@code similarity_scorer} analyzer: how many near-duplicates each event has, by MinHash LSH per data type. */
package org.timesmith.analysis.similarity;
