/**
 * The chain analyzer and its plugins: events that belong together (a download and the file it
 * wrote, an execution and where the program came from) get a shared chain id in Timesketch's
 * {@code chains} attribute.
 */
package org.timesmith.analysis.chain;
