package org.timesmith.client;

/** The server answered 404: the sketch, timeline, search or rule does not exist (or is not visible to this user). */
public class NotFoundException extends ApiException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message, 404, null);
    }
}
