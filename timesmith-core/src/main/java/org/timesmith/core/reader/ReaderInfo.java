package org.timesmith.core.reader;

import java.util.List;
import java.util.Set;

/**
 * What a {@link ReaderProvider} says about its format.
 *
 * @param format         its name, as {@link Format#parse} and the stored upload format spell it
 * @param label          its name in messages that list the formats ("JSON Lines", "L2T CSV")
 * @param description    the name with its article for "a ZIP archive but neither an XLSX workbook nor
 *                       a plaso storage file" (binary formats)
 * @param detectionOrder where detection asks it: lower first
 * @param containers     the binary containers it is stored in; empty for a text format
 * @param aliases        other names {@link Format#parse} accepts (any case; dashes and underscores
 *                       ignored)
 * @param extensions     upload file extensions (lower case, no dot) that name it; others are detected
 */
public record ReaderInfo(Format format, String label, String description, int detectionOrder,
                         Set<Container> containers, List<String> aliases, List<String> extensions) {

    public ReaderInfo {
        containers = Set.copyOf(containers);
        aliases = List.copyOf(aliases);
        extensions = List.copyOf(extensions);
    }

    /** A text format, recognised by its first non-blank line. */
    public static ReaderInfo text(Format format, String label, int detectionOrder) {
        return new ReaderInfo(format, label, "a " + label + " file", detectionOrder, Set.of(), List.of(), List.of());
    }

    /** A binary format stored in these containers. */
    public static ReaderInfo binary(Format format, String label, String description, int detectionOrder,
                                    Container... containers) {
        return new ReaderInfo(format, label, description, detectionOrder, Set.of(containers), List.of(), List.of());
    }

    public ReaderInfo withAliases(String... names) {
        return new ReaderInfo(format, label, description, detectionOrder, containers, List.of(names), extensions);
    }

    public ReaderInfo withExtensions(String... names) {
        return new ReaderInfo(format, label, description, detectionOrder, containers, aliases, List.of(names));
    }
}
