package org.timesmith.server.dfiq;

import java.nio.file.Path;

/**
 * Why a DFIQ file was not (wholly) loaded: the file, the field in it ({@code uuid},
 * {@code approaches[1].steps[0].type}, or {@code line 12} for a YAML syntax error) and what is wrong.
 */
public record DfiqLoadProblem(Path file, String field, String message) {

    @Override
    public String toString() {
        return file + ": " + field + ": " + message;
    }
}
