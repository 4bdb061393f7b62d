package org.timesmith.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Where {@code import} and {@code search} work: a local data directory ({@code --data DIR}, or
 * {@code $TIMESMITH_HOME}) or a sketch on a server (the command's sketch options). Naming both, or
 * neither, is a usage error, and so is an option that means something only for the other target.
 */
sealed interface Target {

    /** The local data directory. */
    record Local(Path directory) implements Target {
    }

    /** A sketch on the server of the rc file's section. */
    record Server() implements Target {
    }

    static Target choose(CommandSpec spec, Optional<Path> data, boolean sketchGiven, String sketchOptions,
                         List<String> localOnly, List<String> serverOnly) {
        if (sketchGiven && data.isPresent()) {
            throw new ParameterException(spec.commandLine(), "--data (a local data directory) and " + sketchOptions
                    + " (a sketch on a server) exclude each other; give one of them");
        }
        if (sketchGiven) {
            refuse(spec, localOnly, "a local data directory (--data)");
            return new Server();
        }
        Optional<Path> directory = data.or(() -> Optional.ofNullable(System.getenv("TIMESMITH_HOME"))
                .filter(home -> !home.isBlank()).map(Path::of));
        if (directory.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "say where to work: --data DIR for a local data directory"
                    + " (or set $TIMESMITH_HOME), or " + sketchOptions + " for a sketch on a server");
        }
        refuse(spec, serverOnly, "a sketch on a server (" + sketchOptions + ")");
        return new Local(directory.get());
    }

    private static void refuse(CommandSpec spec, List<String> options, String target) {
        ParseResult parsed = spec.commandLine().getParseResult();
        for (String option : options) {
            if (parsed.hasMatchedOption(option)) {
                throw new ParameterException(spec.commandLine(), option + " applies only to " + target);
            }
        }
    }
}
