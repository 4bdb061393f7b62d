package org.timesmith.analysis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a deployment keeps its own analyzer configuration files ({@code tags.yaml},
 * {@code regex_features.yaml}, {@code winevt_features.yaml}), offered to analyzers as a resource
 * ({@link AnalysisContext#resource}). A file present there replaces the default shipped in the jar,
 * as Timesketch's {@code data/} folder does; an absent one leaves the default in force. It is a
 * host setting, never a run argument, so users cannot make the server read arbitrary files.
 */
public record AnalyzerConfigFiles(Path directory) {

    public AnalyzerConfigFiles {
        Objects.requireNonNull(directory);
    }

    /** The deployment's file of that name, if it has one. */
    public Optional<Path> file(String name) {
        Path file = directory.resolve(name);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }
}
