package org.timesmith.client;

/**
 * A request the server refused or could not answer, or a connection problem, with a message meant
 * for the user (it names the request, the HTTP status and the server's own reason). Never wraps a
 * stack trace into the message; callers print {@link #getMessage()} and stop.
 */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public ApiException(String message) {
        this(message, 0, null);
    }

    public ApiException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status of the refusal, or 0 when no response arrived. */
    public int status() {
        return status;
    }
}
