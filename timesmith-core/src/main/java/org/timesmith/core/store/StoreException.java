package org.timesmith.core.store;

/** The event store failed (I/O, cluster unavailable, rejected request); the message says what. */
public class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
