package org.timesmith.client.config;

import org.timesmith.client.ApiException;

/** A configuration problem (missing key, unreadable rc or token file, wrong token password) with a message for the user. */
public class ConfigException extends ApiException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, 0, cause);
    }
}
