/**
 * The web UI's preferences kept on the server, user-wide and per user and sketch: a Timesmith
 * extension of the Timesketch API, documented in {@code docs/api-extensions.md}. Every lookup is
 * keyed by the user, so one user never reads another's.
 */
package org.timesmith.server.preference;
