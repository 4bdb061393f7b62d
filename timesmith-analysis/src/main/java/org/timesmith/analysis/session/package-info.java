/**
 * The sessionizers: analyzers that group events into sessions and record them in Timesketch's
 * {@code session_id} attribute, an object keyed by session type ({@code session_id.all_events},
 * {@code session_id.logon_session}, …), so Timesketch's saved searches and the
 * {@code explore/sessions} route find them. Each streams its events once, oldest first.
 */
package org.timesmith.analysis.session;
