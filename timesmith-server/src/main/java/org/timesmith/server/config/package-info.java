/**
 * Spring configuration and settings: the {@code timesmith.*} properties, the choice of event store
 * (embedded Lucene or OpenSearch), the metadata database and its Flyway placeholders for SQLite
 * and PostgreSQL, where HTTP sessions live, and security (session login, CSRF as the Timesketch
 * client satisfies it, 401 JSON for API calls without a session). Scale-out is a change of these
 * settings, not of code.
 */
package org.timesmith.server.config;
