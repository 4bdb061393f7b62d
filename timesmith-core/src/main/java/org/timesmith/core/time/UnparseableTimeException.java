package org.timesmith.core.time;

/**
 * A value that is not a date-time Timesmith understands, or one outside the years 1–9999. The
 * message quotes a bounded prefix of the value and says why, so a rejection built from it lets the
 * user find and fix the input. No stack trace is captured: garbage input is an expected outcome at
 * ingest rates, not a programming error.
 */
public final class UnparseableTimeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Longest part of an offending value quoted in a message. */
    public static final int QUOTED_PREFIX = 64;

    public UnparseableTimeException(Object value, String why) {
        super(quote(value) + " is not a date-time: " + why, null, false, false);
    }

    /** {@code 'value'}, or its first {@value #QUOTED_PREFIX} characters followed by {@code …}. */
    public static String quote(Object value) {
        String text = String.valueOf(value);
        if (text.length() > QUOTED_PREFIX) {
            return "'" + text.substring(0, QUOTED_PREFIX) + "…' (" + text.length() + " characters)";
        }
        return "'" + text + "'";
    }
}
