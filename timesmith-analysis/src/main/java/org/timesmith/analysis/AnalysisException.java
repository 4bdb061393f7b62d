package org.timesmith.analysis;

/** A run that cannot finish, with a message for the user (it becomes the analysis' result and log). */
public class AnalysisException extends RuntimeException {

    public AnalysisException(String message) {
        super(message);
    }

    public AnalysisException(String message, Throwable cause) {
        super(message, cause);
    }
}
