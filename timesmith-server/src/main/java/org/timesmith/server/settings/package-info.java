/**
 * Timesketch's settings objects for its web UI: the system feature flags ({@code GET
 * /api/v1/settings/}) and each user's free-form settings object, merged key by key with
 * Timesketch's defaults.
 */
package org.timesmith.server.settings;
