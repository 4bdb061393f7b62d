package org.timesmith.analysis.llm;

/**
 * A provider could not do its work: the agent or model is unreachable, answered with an error
 * status, went silent for longer than the read timeout, or dropped the connection. The message is
 * meant for the user (it names the URL and what happened, never a credential).
 */
public class LlmException extends RuntimeException {

    public LlmException(String message) {
        super(message);
    }

    public LlmException(String message, Throwable cause) {
        super(message, cause);
    }
}
