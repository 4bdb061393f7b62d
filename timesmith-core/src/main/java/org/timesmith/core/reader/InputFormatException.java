package org.timesmith.core.reader;

/** The input as a whole cannot be read as the chosen format; the message names the file and why. */
public class InputFormatException extends RuntimeException {

    public InputFormatException(String message) {
        super(message);
    }

    public InputFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
