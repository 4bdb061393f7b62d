/**
 * Who is calling: the login page and form exactly as Timesketch's client drives them (§1.1), the
 * OpenID Connect callback for API clients (§1.3), login throttling, the session principal re-read
 * on every request so a disabled account stops at once, and users and groups in the metadata
 * database.
 */
package org.timesmith.server.auth;
