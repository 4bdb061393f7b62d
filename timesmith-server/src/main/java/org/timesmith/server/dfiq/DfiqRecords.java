package org.timesmith.server.dfiq;

import java.util.Optional;

/** The rows of a sketch's DFIQ metadata (scenarios, facets, questions, approaches, conclusions). */
public final class DfiqRecords {

    private DfiqRecords() {
    }

    /**
     * What scenarios, facets, questions and approaches share: where they came from in the DFIQ
     * library (empty for a user's own question) and how they are named.
     *
     * @param specJson the library component as JSON text ({@link DfiqCatalog#json})
     */
    public record Described(Optional<String> dfiqIdentifier, Optional<String> uuid, String name, String displayName,
                            Optional<String> description, Optional<String> specJson) {
    }

    /** A scenario of a sketch; {@code status} is empty until one is set. */
    public record Scenario(long id, long sketchId, long userId, Described text, Optional<String> status,
                           Optional<String> statusAt, String createdAt, String updatedAt) {
    }

    public record Facet(long id, long sketchId, long scenarioId, long userId, Described text, String createdAt,
                        String updatedAt) {
    }

    /** An investigative question, under a facet, straight under a scenario, or neither. */
    public record Question(long id, long sketchId, Optional<Long> scenarioId, Optional<Long> facetId, long userId,
                           Described text, String status, String statusAt, String createdAt, String updatedAt) {
    }

    public record Approach(long id, long questionId, long userId, Described text, String createdAt, String updatedAt) {
    }

    public record Label(String label, long userId, String createdAt) {
    }

    /**
     * A conclusion on a question: a user's ({@code userId} present) or automated.
     *
     * @param source     {@code USER} or {@code AI_GENERATED} (what API clients may send), or
     *                   {@code ANALYZER} for a conclusion an analyzer added through its context
     * @param priority   {@code low}, {@code medium} or {@code high}, or empty
     * @param status     a review state such as {@code pending-review}, or empty
     * @param attributes a JSON object as text
     */
    public record Conclusion(long id, long sketchId, long questionId, Optional<Long> userId, String conclusion,
                             boolean automated, String source, String priority, String status, String attributes,
                             String createdAt, String updatedAt) {
    }

    /** An event a conclusion rests on, by index name and event id. */
    public record ConclusionEvent(long id, long conclusionId, long sketchId, String searchindexName, String documentId) {
    }
}
