package org.timesmith.server.analysis;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.timesmith.server.api.Times;

/** Analysis sessions and analyses in the metadata database. */
@Repository
public class AnalysisRepository {

    /** A session row: who ran what in which sketch, when. */
    public record Session(long id, long sketchId, long userId, String createdAt, String updatedAt) {
    }

    private static final String COLUMNS = "id, session_id, sketch_id, timeline_id, user_id, analyzer_name, description,"
            + " parameters, status, result, log, events_done, progress, result_details, created_at, updated_at";
    private static final RowMapper<Analysis> ANALYSIS = (rs, n) -> new Analysis(rs.getLong("id"),
            rs.getLong("session_id"), rs.getLong("sketch_id"), rs.getLong("timeline_id"), rs.getLong("user_id"),
            rs.getString("analyzer_name"), rs.getString("description"), rs.getString("parameters"),
            rs.getString("status"), Optional.ofNullable(rs.getString("result")), rs.getString("log"),
            rs.getLong("events_done"), rs.getDouble("progress"), Optional.ofNullable(rs.getString("result_details")),
            rs.getString("created_at"), rs.getString("updated_at"));
    private static final RowMapper<Session> SESSION = (rs, n) -> new Session(rs.getLong("id"), rs.getLong("sketch_id"),
            rs.getLong("user_id"), rs.getString("created_at"), rs.getString("updated_at"));

    private final JdbcClient jdbc;
    private final Times times;

    public AnalysisRepository(JdbcClient jdbc, Times times) {
        this.jdbc = jdbc;
        this.times = times;
    }

    public Session createSession(long sketchId, long userId) {
        String now = times.now();
        long id = jdbc.sql("INSERT INTO analysis_session (sketch_id, user_id, created_at, updated_at) VALUES (?, ?, ?, ?)"
                        + " RETURNING id")
                .params(sketchId, userId, now, now).query(Long.class).single();
        return new Session(id, sketchId, userId, now, now);
    }

    public Analysis create(long sessionId, long sketchId, long timelineId, long userId, String analyzerName,
                           String description, String parameters) {
        String now = times.now();
        long id = jdbc.sql("INSERT INTO analysis (session_id, sketch_id, timeline_id, user_id, analyzer_name, description,"
                        + " parameters, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")
                .params(sessionId, sketchId, timelineId, userId, analyzerName, description, parameters, Analysis.PENDING,
                        now, now)
                .query(Long.class).single();
        return byId(id).orElseThrow();
    }

    public Optional<Analysis> byId(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM analysis WHERE id = ?").param(id).query(ANALYSIS).optional();
    }

    public List<Analysis> ofTimeline(long timelineId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM analysis WHERE timeline_id = ? ORDER BY id")
                .param(timelineId).query(ANALYSIS).list();
    }

    public Optional<Session> session(long id) {
        return jdbc.sql("SELECT id, sketch_id, user_id, created_at, updated_at FROM analysis_session WHERE id = ?")
                .param(id).query(SESSION).optional();
    }

    /** The sketch's sessions with at least one analysis still PENDING or STARTED, oldest first. */
    public List<Session> activeSessions(long sketchId) {
        return jdbc.sql("SELECT id, sketch_id, user_id, created_at, updated_at FROM analysis_session s"
                        + " WHERE s.sketch_id = ? AND EXISTS (SELECT 1 FROM analysis a WHERE a.session_id = s.id"
                        + " AND a.status IN (?, ?)) ORDER BY s.id")
                .params(sketchId, Analysis.PENDING, Analysis.STARTED).query(SESSION).list();
    }

    public List<Analysis> ofSession(long sessionId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM analysis WHERE session_id = ? ORDER BY id")
                .param(sessionId).query(ANALYSIS).list();
    }

    public List<Analysis> withStatus(String status) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM analysis WHERE status = ? ORDER BY id")
                .param(status).query(ANALYSIS).list();
    }

    /** Whether the analyzer has run, or is running, on the timeline (a failed run does not count). */
    public boolean hasRun(long timelineId, String analyzerName) {
        return jdbc.sql("SELECT COUNT(*) FROM analysis WHERE timeline_id = ? AND analyzer_name = ? AND status <> ?")
                .params(timelineId, analyzerName, Analysis.ERROR).query(Long.class).single() > 0;
    }

    /** Moves a pending analysis to STARTED; false if it was not pending any more (run already, or twice queued). */
    public boolean start(long id) {
        return jdbc.sql("UPDATE analysis SET status = ?, updated_at = ? WHERE id = ? AND status = ?")
                .params(Analysis.STARTED, times.now(), id, Analysis.PENDING).update() > 0;
    }

    public void finish(long id, String status, String result) {
        jdbc.sql("UPDATE analysis SET status = ?, result = ?, updated_at = ? WHERE id = ?")
                .params(status, result, times.now(), id).update();
    }

    /** Finishes with the summary and the structured result's JSON. */
    public void finish(long id, String status, String result, String resultDetails) {
        jdbc.sql("UPDATE analysis SET status = ?, result = ?, result_details = ?, updated_at = ? WHERE id = ?")
                .params(status, result, resultDetails, times.now(), id).update();
    }

    public void setProgress(long id, double fraction, long eventsDone) {
        jdbc.sql("UPDATE analysis SET progress = ?, events_done = ?, updated_at = ? WHERE id = ?")
                .params(fraction, eventsDone, times.now(), id).update();
    }

    public void appendLog(long id, String line) {
        jdbc.sql("UPDATE analysis SET log = log || ?, updated_at = ? WHERE id = ?")
                .params(line + "\n", times.now(), id).update();
    }

    public void setEventsDone(long id, long eventsDone) {
        jdbc.sql("UPDATE analysis SET events_done = ? WHERE id = ?").params(eventsDone, id).update();
    }
}
