package org.timesmith.server.dfiq;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One component of the DFIQ library as its YAML file describes it: a scenario, facet or question,
 * with the approaches of a question. Names and descriptions are right-trimmed as Timesketch does
 * (YAML's folded {@code >} style ends them with a newline).
 *
 * @param dfiqId    the human-readable id ({@code S1001}, {@code F1003}, {@code Q1001}), if any
 * @param parentIds the ids of the parents (empty for a scenario, which has none)
 * @param file      where it was read from, for messages
 */
public record DfiqTemplate(Type type, String uuid, Optional<String> dfiqId, String name, Optional<String> description,
                           List<String> tags, List<String> parentIds, List<DfiqApproach> approaches, Path file) {

    /** The three kinds of DFIQ component Timesmith reads ({@code type:} in the YAML). */
    public enum Type {
        SCENARIO, FACET, QUESTION;

        public String yamlName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public DfiqTemplate {
        tags = List.copyOf(tags);
        parentIds = List.copyOf(parentIds);
        approaches = List.copyOf(approaches);
    }
}
