package org.timesmith.core.filter;

/**
 * An event filter expression that cannot be parsed: the message names the 1-based character
 * position, the offending token (or the end of the expression) and what was expected there.
 */
public final class EventFilterSyntaxException extends IllegalArgumentException {

    private final int position;
    private final String token;

    EventFilterSyntaxException(String expression, int offset, String token, String problem) {
        super("invalid event filter at character " + (offset + 1) + " ("
                + (token.isEmpty() ? "end of expression" : "\"" + token + "\"") + "): " + problem
                + " — in: " + expression);
        this.position = offset + 1;
        this.token = token;
    }

    /** 1-based character position of the offending token in the expression. */
    public int position() {
        return position;
    }

    /** The offending token as written, empty when the expression ended too early. */
    public String token() {
        return token;
    }
}
