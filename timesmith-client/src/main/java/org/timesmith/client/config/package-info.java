/**
 * The client's configuration as Timesketch's tools keep it: {@code ~/.timesketchrc} in Python's
 * INI dialect, the token file with the encrypted credentials, prompting for what is missing, and
 * building a logged-in client from a section, so existing Timesketch setups work unchanged.
 */
package org.timesmith.client.config;
