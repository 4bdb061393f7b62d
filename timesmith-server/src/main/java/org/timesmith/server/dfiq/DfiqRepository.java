package org.timesmith.server.dfiq;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.timesmith.server.api.Times;
import org.timesmith.server.dfiq.DfiqRecords.Approach;
import org.timesmith.server.dfiq.DfiqRecords.Conclusion;
import org.timesmith.server.dfiq.DfiqRecords.ConclusionEvent;
import org.timesmith.server.dfiq.DfiqRecords.Described;
import org.timesmith.server.dfiq.DfiqRecords.Facet;
import org.timesmith.server.dfiq.DfiqRecords.Label;
import org.timesmith.server.dfiq.DfiqRecords.Question;
import org.timesmith.server.dfiq.DfiqRecords.Scenario;

/**
 * A sketch's DFIQ metadata in the metadata database. Every lookup of a scenario, facet, question
 * or conclusion is scoped to its sketch (and parent), so an id of another sketch is not found.
 */
@Repository
public class DfiqRepository {

    private static final String TEXT = "dfiq_identifier, uuid, name, display_name, description, spec_json";
    private static final String SCENARIO = "id, sketch_id, user_id, " + TEXT + ", status, status_at, created_at, updated_at";
    private static final String FACET = "id, sketch_id, scenario_id, user_id, " + TEXT + ", created_at, updated_at";
    private static final String QUESTION = "id, sketch_id, scenario_id, facet_id, user_id, " + TEXT
            + ", status, status_at, created_at, updated_at";
    private static final String APPROACH = "id, question_id, user_id, '' AS dfiq_identifier, '' AS uuid, name,"
            + " display_name, description, spec_json, created_at, updated_at";
    private static final String CONCLUSION = "id, sketch_id, question_id, user_id, conclusion, automated, source,"
            + " priority, status, attributes, created_at, updated_at";

    private static final RowMapper<Scenario> SCENARIO_ROW = (rs, n) -> new Scenario(rs.getLong("id"),
            rs.getLong("sketch_id"), rs.getLong("user_id"), described(rs),
            Optional.ofNullable(rs.getString("status")).filter(s -> !s.isEmpty()),
            Optional.ofNullable(rs.getString("status_at")), rs.getString("created_at"), rs.getString("updated_at"));
    private static final RowMapper<Facet> FACET_ROW = (rs, n) -> new Facet(rs.getLong("id"), rs.getLong("sketch_id"),
            rs.getLong("scenario_id"), rs.getLong("user_id"), described(rs), rs.getString("created_at"),
            rs.getString("updated_at"));
    private static final RowMapper<Question> QUESTION_ROW = (rs, n) -> new Question(rs.getLong("id"),
            rs.getLong("sketch_id"), optionalLong(rs, "scenario_id"),
            optionalLong(rs, "facet_id"), rs.getLong("user_id"), described(rs),
            rs.getString("status"), rs.getString("status_at"), rs.getString("created_at"), rs.getString("updated_at"));
    private static final RowMapper<Approach> APPROACH_ROW = (rs, n) -> new Approach(rs.getLong("id"),
            rs.getLong("question_id"), rs.getLong("user_id"), described(rs), rs.getString("created_at"),
            rs.getString("updated_at"));
    private static final RowMapper<Conclusion> CONCLUSION_ROW = (rs, n) -> new Conclusion(rs.getLong("id"),
            rs.getLong("sketch_id"), rs.getLong("question_id"), optionalLong(rs, "user_id"),
            rs.getString("conclusion"), rs.getBoolean("automated"), rs.getString("source"), rs.getString("priority"),
            rs.getString("status"), rs.getString("attributes"), rs.getString("created_at"), rs.getString("updated_at"));
    private static final RowMapper<ConclusionEvent> EVENT_ROW = (rs, n) -> new ConclusionEvent(rs.getLong("id"),
            rs.getLong("conclusion_id"), rs.getLong("sketch_id"), rs.getString("searchindex_name"),
            rs.getString("document_id"));

    /** A nullable BIGINT column (sqlite-jdbc cannot read NULL as {@code getObject(column, Long.class)}). */
    private static Optional<Long> optionalLong(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }

    private final JdbcClient jdbc;
    private final Times times;

    public DfiqRepository(JdbcClient jdbc, Times times) {
        this.jdbc = jdbc;
        this.times = times;
    }

    private static Described described(ResultSet rs) throws SQLException {
        return new Described(Optional.ofNullable(rs.getString("dfiq_identifier")).filter(s -> !s.isEmpty()),
                Optional.ofNullable(rs.getString("uuid")).filter(s -> !s.isEmpty()), rs.getString("name"),
                rs.getString("display_name"), Optional.ofNullable(rs.getString("description")),
                Optional.ofNullable(rs.getString("spec_json")));
    }

    // Scenarios

    public long insertScenario(long sketchId, long userId, Described text) {
        String now = times.now();
        return jdbc.sql("INSERT INTO dfiq_scenario (sketch_id, user_id, " + TEXT + ", created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")
                .params(sketchId, userId, text.dfiqIdentifier().orElse(null), text.uuid().orElse(null), text.name(),
                        text.displayName(), text.description().orElse(null), text.specJson().orElse(null), now, now)
                .query(Long.class).single();
    }

    public Optional<Scenario> scenario(long sketchId, long id) {
        return jdbc.sql("SELECT " + SCENARIO + " FROM dfiq_scenario WHERE id = ? AND sketch_id = ?")
                .params(id, sketchId).query(SCENARIO_ROW).optional();
    }

    /** The sketch's scenarios, oldest first; only those with {@code status} when given. */
    public List<Scenario> scenarios(long sketchId, Optional<String> status) {
        if (status.isPresent()) {
            return jdbc.sql("SELECT " + SCENARIO + " FROM dfiq_scenario WHERE sketch_id = ? AND status = ?"
                    + " ORDER BY created_at, id").params(sketchId, status.get()).query(SCENARIO_ROW).list();
        }
        return jdbc.sql("SELECT " + SCENARIO + " FROM dfiq_scenario WHERE sketch_id = ? ORDER BY created_at, id")
                .param(sketchId).query(SCENARIO_ROW).list();
    }

    public void renameScenario(long sketchId, long id, String displayName) {
        jdbc.sql("UPDATE dfiq_scenario SET display_name = ?, updated_at = ? WHERE id = ? AND sketch_id = ?")
                .params(displayName, times.now(), id, sketchId).update();
    }

    public void setScenarioStatus(long sketchId, long id, String status) {
        String now = times.now();
        jdbc.sql("UPDATE dfiq_scenario SET status = ?, status_at = ?, updated_at = ? WHERE id = ? AND sketch_id = ?")
                .params(status, now, now, id, sketchId).update();
    }

    // Facets

    public long insertFacet(long sketchId, long scenarioId, long userId, Described text) {
        String now = times.now();
        return jdbc.sql("INSERT INTO dfiq_facet (sketch_id, scenario_id, user_id, " + TEXT + ", created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")
                .params(sketchId, scenarioId, userId, text.dfiqIdentifier().orElse(null), text.uuid().orElse(null),
                        text.name(), text.displayName(), text.description().orElse(null), text.specJson().orElse(null),
                        now, now)
                .query(Long.class).single();
    }

    public List<Facet> facets(long sketchId, long scenarioId) {
        return jdbc.sql("SELECT " + FACET + " FROM dfiq_facet WHERE sketch_id = ? AND scenario_id = ? ORDER BY id")
                .params(sketchId, scenarioId).query(FACET_ROW).list();
    }

    public Optional<Facet> facet(long sketchId, long id) {
        return jdbc.sql("SELECT " + FACET + " FROM dfiq_facet WHERE id = ? AND sketch_id = ?")
                .params(id, sketchId).query(FACET_ROW).optional();
    }

    // Questions

    public long insertQuestion(long sketchId, Optional<Long> scenarioId, Optional<Long> facetId, long userId,
                               Described text) {
        String now = times.now();
        return jdbc.sql("INSERT INTO dfiq_question (sketch_id, scenario_id, facet_id, user_id, " + TEXT
                        + ", status, status_at, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', ?, ?, ?) RETURNING id")
                .params(sketchId, scenarioId.orElse(null), facetId.orElse(null), userId,
                        text.dfiqIdentifier().orElse(null), text.uuid().orElse(null), text.name(), text.displayName(),
                        text.description().orElse(null), text.specJson().orElse(null), now, now, now)
                .query(Long.class).single();
    }

    public Optional<Question> question(long sketchId, long id) {
        return jdbc.sql("SELECT " + QUESTION + " FROM dfiq_question WHERE id = ? AND sketch_id = ?")
                .params(id, sketchId).query(QUESTION_ROW).optional();
    }

    /** Questions of neither a scenario nor a facet. */
    public List<Question> orphanQuestions(long sketchId) {
        return jdbc.sql("SELECT " + QUESTION + " FROM dfiq_question WHERE sketch_id = ? AND scenario_id IS NULL"
                + " AND facet_id IS NULL ORDER BY id").param(sketchId).query(QUESTION_ROW).list();
    }

    /** Questions straight under a scenario (not under one of its facets). */
    public List<Question> scenarioQuestions(long sketchId, long scenarioId) {
        return jdbc.sql("SELECT " + QUESTION + " FROM dfiq_question WHERE sketch_id = ? AND scenario_id = ?"
                + " AND facet_id IS NULL ORDER BY id").params(sketchId, scenarioId).query(QUESTION_ROW).list();
    }

    public List<Question> facetQuestions(long sketchId, long facetId) {
        return jdbc.sql("SELECT " + QUESTION + " FROM dfiq_question WHERE sketch_id = ? AND facet_id = ? ORDER BY id")
                .params(sketchId, facetId).query(QUESTION_ROW).list();
    }

    public void updateQuestion(long sketchId, long id, String name, String displayName, Optional<String> description) {
        jdbc.sql("UPDATE dfiq_question SET name = ?, display_name = ?, description = ?, updated_at = ?"
                        + " WHERE id = ? AND sketch_id = ?")
                .params(name, displayName, description.orElse(null), times.now(), id, sketchId).update();
    }

    public void setQuestionStatus(long sketchId, long id, String status) {
        String now = times.now();
        jdbc.sql("UPDATE dfiq_question SET status = ?, status_at = ?, updated_at = ? WHERE id = ? AND sketch_id = ?")
                .params(status, now, now, id, sketchId).update();
    }

    public List<Label> labels(long questionId) {
        return jdbc.sql("SELECT label, user_id, created_at FROM dfiq_question_label WHERE question_id = ? ORDER BY id")
                .param(questionId).query((rs, n) -> new Label(rs.getString("label"), rs.getLong("user_id"),
                        rs.getString("created_at"))).list();
    }

    /** Replaces every label starting with {@code prefix} by {@code label}. */
    public void replaceLabel(long questionId, String prefix, String label, long userId) {
        jdbc.sql("DELETE FROM dfiq_question_label WHERE question_id = ? AND label LIKE ?")
                .params(questionId, prefix + "%").update();
        jdbc.sql("INSERT INTO dfiq_question_label (question_id, label, user_id, created_at) VALUES (?, ?, ?, ?)")
                .params(questionId, label, userId, times.now()).update();
    }

    public void addAttribute(long questionId, String name, String value, Optional<String> ontology,
                             Optional<String> description, long userId) {
        jdbc.sql("INSERT INTO dfiq_question_attribute (question_id, name, value, ontology, description, user_id,"
                        + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(questionId, name, value, ontology.orElse(null), description.orElse(null), userId, times.now())
                .update();
    }

    /** The question's attributes as (name, value) pairs, oldest first. */
    public List<Map.Entry<String, String>> attributes(long questionId) {
        return jdbc.sql("SELECT name, value FROM dfiq_question_attribute WHERE question_id = ? ORDER BY id")
                .param(questionId).query((rs, n) -> Map.entry(rs.getString("name"), rs.getString("value"))).list();
    }

    // Approaches

    public long insertApproach(long questionId, long userId, Described text) {
        String now = times.now();
        return jdbc.sql("INSERT INTO dfiq_approach (question_id, user_id, name, display_name, description, spec_json,"
                        + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")
                .params(questionId, userId, text.name(), text.displayName(), text.description().orElse(null),
                        text.specJson().orElse(null), now, now)
                .query(Long.class).single();
    }

    public List<Approach> approaches(long questionId) {
        return jdbc.sql("SELECT " + APPROACH + " FROM dfiq_approach WHERE question_id = ? ORDER BY id")
                .param(questionId).query(APPROACH_ROW).list();
    }

    public void linkTemplate(long approachId, long templateId, int order) {
        if (templateIds(approachId).contains(templateId)) {
            return;
        }
        jdbc.sql("INSERT INTO dfiq_approach_search_template (approach_id, search_template_id, step_order)"
                + " VALUES (?, ?, ?)").params(approachId, templateId, order).update();
    }

    public List<Long> templateIds(long approachId) {
        return jdbc.sql("SELECT search_template_id FROM dfiq_approach_search_template WHERE approach_id = ?"
                + " ORDER BY step_order, search_template_id").param(approachId).query(Long.class).list();
    }

    // Conclusions

    public long insertConclusion(long sketchId, long questionId, Optional<Long> userId, String text, boolean automated,
                                 String source, String priority, String status, String attributes) {
        String now = times.now();
        return jdbc.sql("INSERT INTO dfiq_conclusion (sketch_id, question_id, user_id, conclusion, automated, source,"
                        + " priority, status, attributes, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")
                .params(sketchId, questionId, userId.orElse(null), text, automated, source, priority, status,
                        attributes, now, now)
                .query(Long.class).single();
    }

    public List<Conclusion> conclusions(long sketchId, long questionId) {
        return jdbc.sql("SELECT " + CONCLUSION + " FROM dfiq_conclusion WHERE sketch_id = ? AND question_id = ?"
                + " ORDER BY id").params(sketchId, questionId).query(CONCLUSION_ROW).list();
    }

    public Optional<Conclusion> conclusion(long sketchId, long id) {
        return jdbc.sql("SELECT " + CONCLUSION + " FROM dfiq_conclusion WHERE id = ? AND sketch_id = ?")
                .params(id, sketchId).query(CONCLUSION_ROW).optional();
    }

    /** The user's own (not automated) conclusion on a question, if any. */
    public Optional<Conclusion> userConclusion(long sketchId, long questionId, long userId) {
        return jdbc.sql("SELECT " + CONCLUSION + " FROM dfiq_conclusion WHERE sketch_id = ? AND question_id = ?"
                        + " AND user_id = ? AND automated = FALSE ORDER BY id")
                .params(sketchId, questionId, userId).query(CONCLUSION_ROW).list().stream().findFirst();
    }

    public void updateConclusion(Conclusion c) {
        jdbc.sql("UPDATE dfiq_conclusion SET conclusion = ?, priority = ?, status = ?, attributes = ?, updated_at = ?"
                        + " WHERE id = ? AND sketch_id = ?")
                .params(c.conclusion(), c.priority(), c.status(), c.attributes(), times.now(), c.id(), c.sketchId())
                .update();
    }

    public void deleteConclusion(long sketchId, long id) {
        jdbc.sql("DELETE FROM dfiq_conclusion_event WHERE conclusion_id = ? AND sketch_id = ?").params(id, sketchId)
                .update();
        jdbc.sql("DELETE FROM dfiq_conclusion WHERE id = ? AND sketch_id = ?").params(id, sketchId).update();
    }

    public List<ConclusionEvent> conclusionEvents(long conclusionId) {
        return jdbc.sql("SELECT id, conclusion_id, sketch_id, searchindex_name, document_id FROM dfiq_conclusion_event"
                + " WHERE conclusion_id = ? ORDER BY id").param(conclusionId).query(EVENT_ROW).list();
    }

    /** Links an event to a conclusion (once). */
    public void linkEvent(long conclusionId, long sketchId, String indexName, String documentId) {
        jdbc.sql("INSERT INTO dfiq_conclusion_event (conclusion_id, sketch_id, searchindex_name, document_id,"
                        + " created_at) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (conclusion_id, searchindex_name, document_id) DO NOTHING")
                .params(conclusionId, sketchId, indexName, documentId, times.now()).update();
    }

    public void unlinkEvent(long conclusionId, String indexName, String documentId) {
        jdbc.sql("DELETE FROM dfiq_conclusion_event WHERE conclusion_id = ? AND searchindex_name = ?"
                + " AND document_id = ?").params(conclusionId, indexName, documentId).update();
    }

    /** The sketch's oldest question whose name is this text (analyzers find questions by text). */
    public Optional<Long> questionIdByName(long sketchId, String name) {
        return jdbc.sql("SELECT id FROM dfiq_question WHERE sketch_id = ? AND name = ? ORDER BY id")
                .params(sketchId, name).query(Long.class).list().stream().findFirst();
    }

    /** Deletes a question of the sketch (with its conclusions, labels, attributes and approaches). */
    public void deleteQuestion(long sketchId, long id) {
        jdbc.sql("DELETE FROM dfiq_conclusion_event WHERE conclusion_id IN (SELECT id FROM dfiq_conclusion WHERE question_id = ?)")
                .param(id).update();
        jdbc.sql("DELETE FROM dfiq_conclusion WHERE sketch_id = ? AND question_id = ?").params(sketchId, id).update();
        jdbc.sql("DELETE FROM dfiq_question WHERE sketch_id = ? AND id = ?").params(sketchId, id).update();
    }
}
