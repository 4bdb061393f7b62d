package org.timesmith.server.api;

import org.springframework.http.HttpStatus;

/**
 * A deterministic failure of an API call, sent to the client as {@code {"message": ...}} with a 4xx
 * status. Never 5xx: the Timesketch client re-sends POSTs on 5xx, which would repeat side effects.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;

    public ApiException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(HttpStatus.FORBIDDEN, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(HttpStatus.NOT_FOUND, message);
    }
}
