package org.timesmith.server.dfiq;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The request bodies of the DFIQ routes (§17) as typed values, decoded and checked by
 * {@link DfiqJson}, so that {@link DfiqService} sees no JSON: each holds what the body said, with
 * blank texts as absent, and the service decides what an absent field means.
 */
final class DfiqForms {

    private DfiqForms() {
    }

    /** A scenario to add from the library, found by the first of these the body names. */
    record ScenarioPick(Optional<String> uuid, Optional<String> dfiqId, Optional<String> displayName) {
    }

    /**
     * A question to add: from the library ({@code uuid} or {@code templateId}) or the user's own
     * {@code text} (stripped, empty when none), optionally under a scenario and/or a facet.
     */
    record QuestionForm(Optional<Long> scenarioId, Optional<Long> facetId, Optional<String> uuid,
                        Optional<String> templateId, String text) {
    }

    /**
     * A question update; the status and priority are checked against Timesketch's lists.
     *
     * @param attributes those of the body's list with a name and a value (others are passed over,
     *                   as Timesketch does)
     */
    record QuestionUpdate(Optional<String> status, Optional<String> priority, List<QuestionAttribute> attributes,
                          Optional<String> name, Optional<String> displayName, Optional<String> description) {
        QuestionUpdate {
            attributes = List.copyOf(attributes);
        }
    }

    /** An attribute to add to a question. */
    record QuestionAttribute(String name, String value, Optional<String> ontology, Optional<String> description) {
    }

    /**
     * A conclusion to add or edit: Timesketch's {@code conclusionText} and {@code automated}, and
     * Timesmith's {@code priority}, {@code status}, {@code source} and {@code attributes}, each
     * checked (a priority without its {@code __ts_priority_} prefix, a source in upper case,
     * attributes as a JSON object's text).
     *
     * @param fields the names of the fields the body has at all, even empty or null: posting again
     *               clears what a body names empty and keeps what it leaves out
     */
    record ConclusionForm(boolean automated, Optional<String> text, Optional<String> priority,
                          Optional<String> status, Optional<String> source, Optional<String> attributes,
                          Set<String> fields) {
        ConclusionForm {
            fields = Set.copyOf(fields);
        }

        boolean has(String field) {
            return fields.contains(field);
        }
    }
}
