package org.timesmith.analysis;

import java.util.Optional;

/**
 * Reading a run's numeric keyword arguments with a default, rejecting nonsense with a message for
 * the user (a run given {@code "window_seconds": "abc"} fails saying so, rather than silently using
 * the default).
 */
public final class Kwargs {

    private Kwargs() {
    }

    /** The argument as a positive whole number, or {@code fallback} when not given. */
    public static long positive(AnalysisContext context, String name, long fallback) {
        Optional<String> given = context.kwarg(name);
        if (given.isEmpty()) {
            return fallback;
        }
        long value = EventValues.number(given.get()).orElse(-1);
        if (value <= 0) {
            throw new AnalysisException(name + " must be a positive whole number, got '" + given.get() + "'");
        }
        return value;
    }
}
