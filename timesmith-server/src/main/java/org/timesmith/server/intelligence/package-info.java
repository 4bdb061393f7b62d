/**
 * Global helpers of the event view for any signed-in user, in Timesketch's bare shapes: tag
 * metadata and context links read from YAML files, and {@code unfurl}, which takes a URL apart
 * into the graph dfir-unfurl answers.
 */
package org.timesmith.server.intelligence;
