package org.timesmith.analysis.llm;

import java.util.List;
import java.util.Optional;

/**
 * One finding of a log-reasoning agent, whichever shape it came in: the events it rests on (the
 * {@code _id}s, and the index if the agent said), and its annotations, each a DFIQ question with
 * conclusions, an optional priority ({@code low}, {@code medium}, {@code high}) and attack stage.
 */
public record Finding(List<String> recordIds, Optional<String> index, List<Annotation> annotations) {

    public Finding {
        recordIds = List.copyOf(recordIds);
        annotations = List.copyOf(annotations);
    }

    /** A question, its conclusions, and how it is ranked. */
    public record Annotation(String question, List<String> conclusions, Optional<String> priority,
                             Optional<String> attackStage) {
        public Annotation {
            conclusions = List.copyOf(conclusions);
        }
    }
}
