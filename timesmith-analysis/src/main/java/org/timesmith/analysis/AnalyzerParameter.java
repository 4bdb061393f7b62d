package org.timesmith.analysis;

import java.util.Objects;
import java.util.Optional;

/**
 * A keyword argument an analyzer declares ({@link Analyzer#parameters}), so that a client can offer
 * a typed field for it; the run reads it from {@link AnalysisContext#kwargs()} as before. Declaring
 * parameters is optional and changes nothing on the wire of a run (§8.1's {@code analyzer_kwargs}).
 *
 * @param name         the key in {@code analyzer_kwargs.<analyzer>}
 * @param type         how a client should ask for it
 * @param description  what it does, for users
 * @param required     whether a run needs it
 * @param defaultValue the value used without it, as text, if any
 */
public record AnalyzerParameter(String name, Type type, String description, boolean required,
                                Optional<String> defaultValue) {

    /** The JSON type of the value. */
    public enum Type { STRING, NUMBER, BOOLEAN }

    public AnalyzerParameter {
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
        Objects.requireNonNull(description);
        Objects.requireNonNull(defaultValue);
    }

    public static AnalyzerParameter optional(String name, Type type, String description) {
        return new AnalyzerParameter(name, type, description, false, Optional.empty());
    }
}
