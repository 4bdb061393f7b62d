package org.timesmith.server.timeline;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.timesmith.server.api.Times;

/** Search indices, timelines and data sources in the metadata database. */
@Repository
public class TimelineRepository {

    private static final String INDEX_COLUMNS = "id, name, index_name, description, user_id, status, label_string,"
            + " deleted, created_at, updated_at";
    private static final RowMapper<SearchIndex> INDEX = (rs, n) -> new SearchIndex(rs.getLong("id"),
            rs.getString("name"), rs.getString("index_name"), rs.getString("description"), rs.getLong("user_id"),
            rs.getString("status"), rs.getString("label_string"), rs.getBoolean("deleted"),
            rs.getString("created_at"), rs.getString("updated_at"));
    private static final String TIMELINE_COLUMNS = "id, sketch_id, search_index_id, name, description, color,"
            + " label_string, status, user_id, created_at, updated_at";
    private static final String QUALIFIED_TIMELINE_COLUMNS = TIMELINE_COLUMNS.replaceAll("(\\w+)", "t.$1");
    private static final RowMapper<Timeline> TIMELINE = (rs, n) -> new Timeline(rs.getLong("id"),
            rs.getLong("sketch_id"), rs.getLong("search_index_id"), rs.getString("name"), rs.getString("description"),
            rs.getString("color"), rs.getString("label_string"), rs.getString("status"), rs.getLong("user_id"),
            rs.getString("created_at"), rs.getString("updated_at"));
    private static final String SOURCE_COLUMNS = "id, timeline_id, user_id, provider, context, file_on_disk, file_size,"
            + " original_filename, data_label, format, content_key, status, error_message, total_file_events,"
            + " indexed_events, rejected_events, task_id, job_id, created_at, updated_at,"
            + " headers_mapping, delimiter, plaso_event_filter, filtered_events";
    private static final RowMapper<DataSource> SOURCE = (rs, n) -> new DataSource(rs.getLong("id"),
            rs.getLong("timeline_id"), rs.getLong("user_id"), rs.getString("provider"), rs.getString("context"),
            rs.getString("file_on_disk"), rs.getLong("file_size"), rs.getString("original_filename"),
            rs.getString("data_label"), rs.getString("format"), rs.getString("content_key"), rs.getString("status"),
            rs.getString("error_message"), rs.getLong("total_file_events"), rs.getLong("indexed_events"),
            rs.getLong("rejected_events"), rs.getString("task_id"), rs.getString("job_id"), rs.getString("created_at"),
            rs.getString("updated_at"), rs.getString("headers_mapping"), rs.getString("delimiter"),
            rs.getString("plaso_event_filter"), rs.getLong("filtered_events"));

    private final JdbcClient jdbc;
    private final Times times;

    public TimelineRepository(JdbcClient jdbc, Times times) {
        this.jdbc = jdbc;
        this.times = times;
    }

    // ---- search indices

    public SearchIndex createIndex(String name, String indexName, String description, long userId, String status,
                                   String labelString) {
        String now = times.now();
        long id = jdbc.sql("INSERT INTO search_index (name, index_name, description, user_id, status, label_string,"
                        + " deleted, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, FALSE, ?, ?) RETURNING id")
                .params(name, indexName, description, userId, status, labelString, now, now)
                .query(Long.class).single();
        return index(id).orElseThrow();
    }

    public Optional<SearchIndex> index(long id) {
        return jdbc.sql("SELECT " + INDEX_COLUMNS + " FROM search_index WHERE id = ?").param(id).query(INDEX).optional();
    }

    public Optional<SearchIndex> indexByName(String indexName) {
        return jdbc.sql("SELECT " + INDEX_COLUMNS + " FROM search_index WHERE index_name = ?").param(indexName)
                .query(INDEX).optional();
    }

    public List<SearchIndex> indices() {
        return jdbc.sql("SELECT " + INDEX_COLUMNS + " FROM search_index WHERE deleted = FALSE ORDER BY id")
                .query(INDEX).list();
    }

    public void setIndexStatus(long id, String status) {
        jdbc.sql("UPDATE search_index SET status = ?, updated_at = ? WHERE id = ?").params(status, times.now(), id).update();
    }

    public void setIndexDescription(long id, String description) {
        jdbc.sql("UPDATE search_index SET description = ?, updated_at = ? WHERE id = ?")
                .params(description, times.now(), id).update();
    }

    public void markIndexDeleted(long id) {
        jdbc.sql("UPDATE search_index SET deleted = TRUE, status = 'deleted', updated_at = ? WHERE id = ?")
                .params(times.now(), id).update();
    }

    // ---- timelines

    public Timeline createTimeline(long sketchId, long searchIndexId, String name, String description, String color,
                                   String status, long userId) {
        String now = times.now();
        long id = jdbc.sql("INSERT INTO timeline (sketch_id, search_index_id, name, description, color, label_string,"
                        + " status, user_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, '', ?, ?, ?, ?) RETURNING id")
                .params(sketchId, searchIndexId, name, description, color, status, userId, now, now)
                .query(Long.class).single();
        return timeline(id).orElseThrow();
    }

    public Optional<Timeline> timeline(long id) {
        return jdbc.sql("SELECT " + TIMELINE_COLUMNS + " FROM timeline WHERE id = ?").param(id).query(TIMELINE).optional();
    }

    public List<Timeline> timelines(long sketchId) {
        return jdbc.sql("SELECT " + TIMELINE_COLUMNS + " FROM timeline WHERE sketch_id = ? ORDER BY id")
                .param(sketchId).query(TIMELINE).list();
    }

    /** A timeline with the name of the store index holding its events. */
    public record IndexedTimeline(Timeline timeline, String indexName) {
    }

    /** The sketch's timelines in a status with their index names, in one query (the explore path). */
    public List<IndexedTimeline> timelinesWithIndex(long sketchId, String status) {
        return jdbc.sql("SELECT t.id, t.sketch_id, t.search_index_id, t.name, t.description, t.color, t.label_string,"
                        + " t.status, t.user_id, t.created_at, t.updated_at, i.index_name FROM timeline t"
                        + " JOIN search_index i ON i.id = t.search_index_id WHERE t.sketch_id = ? AND t.status = ?"
                        + " ORDER BY t.id")
                .params(sketchId, status)
                .query((rs, n) -> new IndexedTimeline(TIMELINE.mapRow(rs, n), rs.getString("index_name"))).list();
    }

    public List<Timeline> timelinesOfIndex(long searchIndexId) {
        return jdbc.sql("SELECT " + TIMELINE_COLUMNS + " FROM timeline WHERE search_index_id = ? ORDER BY id")
                .param(searchIndexId).query(TIMELINE).list();
    }

    /**
     * The timelines of an index that still show its events: in a sketch that is not deleted, and
     * neither archived nor failed (Timesketch's test for whether an index may be closed).
     */
    public List<Timeline> liveTimelinesOfIndex(long searchIndexId) {
        return jdbc.sql("SELECT " + QUALIFIED_TIMELINE_COLUMNS + " FROM timeline t"
                        + " JOIN sketch s ON s.id = t.sketch_id WHERE t.search_index_id = ? AND s.status <> 'deleted'"
                        + " AND t.status NOT IN (?, ?) ORDER BY t.id")
                .params(searchIndexId, Timeline.ARCHIVED, Timeline.FAIL).query(TIMELINE).list();
    }

    public List<Timeline> timelinesWithStatus(Collection<String> statuses) {
        if (statuses.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", statuses.stream().map(s -> "?").toList());
        return jdbc.sql("SELECT " + TIMELINE_COLUMNS + " FROM timeline WHERE status IN (" + marks + ") ORDER BY id")
                .params(List.copyOf(statuses)).query(TIMELINE).list();
    }

    public void updateTimeline(long id, String name, String description, String color, String labelString) {
        jdbc.sql("UPDATE timeline SET name = ?, description = ?, color = ?, label_string = ?, updated_at = ? WHERE id = ?")
                .params(name, description, color, labelString, times.now(), id).update();
    }

    /**
     * Sets the status of an unarchived timeline and of its search index from its data sources (ready
     * without any, fail when all failed, processing while one is unfinished, else ready) in single
     * statements, so imports of two data sources that end together cannot leave a stale status.
     */
    public void refreshTimelineStatus(long id) {
        jdbc.sql("""
                UPDATE timeline SET updated_at = ?, status = CASE
                  WHEN NOT EXISTS (SELECT 1 FROM data_source d WHERE d.timeline_id = timeline.id) THEN ?
                  WHEN NOT EXISTS (SELECT 1 FROM data_source d WHERE d.timeline_id = timeline.id AND d.status <> ?) THEN ?
                  WHEN EXISTS (SELECT 1 FROM data_source d WHERE d.timeline_id = timeline.id AND d.status IN (?, ?)) THEN ?
                  ELSE ? END
                WHERE id = ? AND status <> ?""")
                .params(times.now(), Timeline.READY, DataSource.FAIL, Timeline.FAIL, DataSource.QUEUEING,
                        DataSource.PROCESSING, Timeline.PROCESSING, Timeline.READY, id, Timeline.ARCHIVED)
                .update();
        jdbc.sql("""
                UPDATE search_index SET updated_at = ?, status = (SELECT t.status FROM timeline t WHERE t.id = ?)
                WHERE id = (SELECT t.search_index_id FROM timeline t WHERE t.id = ? AND t.status <> ?)""")
                .params(times.now(), id, id, Timeline.ARCHIVED).update();
    }

    public void setTimelineStatus(long id, String status) {
        jdbc.sql("UPDATE timeline SET status = ?, updated_at = ? WHERE id = ?").params(status, times.now(), id).update();
    }

    public void deleteTimeline(long id) {
        jdbc.sql("DELETE FROM timeline_event_source WHERE timeline_id = ?").param(id).update();
        jdbc.sql("DELETE FROM data_source WHERE timeline_id = ?").param(id).update();
        jdbc.sql("DELETE FROM timeline WHERE id = ?").param(id).update();
    }

    // ---- events a timeline shows (its own, and those of an index it was added for)

    /** Records that {@code timelineId} also shows the events stamped with each of {@code eventTimelineIds}. */
    public void addEventSources(long timelineId, Collection<Long> eventTimelineIds) {
        java.util.Set<Long> known = eventSources(timelineId);
        for (long eventTimelineId : new java.util.TreeSet<>(eventTimelineIds)) {
            if (eventTimelineId == timelineId || known.contains(eventTimelineId)) {
                continue;
            }
            jdbc.sql("INSERT INTO timeline_event_source (timeline_id, event_timeline_id) VALUES (?, ?)")
                    .params(timelineId, eventTimelineId).update();
        }
    }

    /** The stamped timeline ids a timeline shows besides its own. */
    public java.util.Set<Long> eventSources(long timelineId) {
        return new java.util.TreeSet<>(jdbc.sql("SELECT event_timeline_id FROM timeline_event_source WHERE timeline_id = ?")
                .param(timelineId).query(Long.class).list());
    }

    /**
     * For each timeline, the {@code __ts_timeline_id} values of the events it shows: its own id and
     * those of the timelines whose index it was added for. One query for all of them.
     */
    public java.util.Map<Long, java.util.Set<Long>> eventTimelineIds(Collection<Long> timelineIds) {
        java.util.Map<Long, java.util.Set<Long>> shown = new java.util.LinkedHashMap<>();
        timelineIds.forEach(id -> shown.computeIfAbsent(id, k -> new java.util.TreeSet<>()).add(id));
        if (timelineIds.isEmpty()) {
            return shown;
        }
        String marks = String.join(", ", timelineIds.stream().map(id -> "?").toList());
        jdbc.sql("SELECT timeline_id, event_timeline_id FROM timeline_event_source WHERE timeline_id IN (" + marks + ")")
                .params(List.copyOf(timelineIds))
                .query((rs, n) -> shown.get(rs.getLong("timeline_id")).add(rs.getLong("event_timeline_id"))).list();
        return shown;
    }

    /** Whether a timeline other than {@code exceptTimelineId} shows the events stamped with {@code eventTimelineId}. */
    public boolean eventsShownElsewhere(long eventTimelineId, long exceptTimelineId) {
        return jdbc.sql("SELECT COUNT(*) FROM timeline_event_source WHERE event_timeline_id = ? AND timeline_id <> ?")
                .params(eventTimelineId, exceptTimelineId).query(Long.class).single() > 0;
    }

    // ---- data sources

    public DataSource createDataSource(long timelineId, long userId, String provider, String context, String fileOnDisk,
                                       long fileSize, String originalFilename, String dataLabel, String format,
                                       String contentKey, String status, String taskId, String jobId,
                                       String headersMapping, String delimiter) {
        return createDataSource(timelineId, userId, provider, context, fileOnDisk, fileSize, originalFilename,
                dataLabel, format, contentKey, status, taskId, jobId, headersMapping, delimiter, "");
    }

    /** A data source whose import keeps only the events matching {@code plasoEventFilter} ('' for all). */
    public DataSource createDataSource(long timelineId, long userId, String provider, String context, String fileOnDisk,
                                       long fileSize, String originalFilename, String dataLabel, String format,
                                       String contentKey, String status, String taskId, String jobId,
                                       String headersMapping, String delimiter, String plasoEventFilter) {
        String now = times.now();
        long id = jdbc.sql("INSERT INTO data_source (timeline_id, user_id, provider, context, file_on_disk, file_size,"
                        + " original_filename, data_label, format, content_key, status, error_message, total_file_events,"
                        + " indexed_events, rejected_events, task_id, job_id, created_at, updated_at, headers_mapping,"
                        + " delimiter, plaso_event_filter) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', 0, 0, 0, ?, ?, ?, ?, ?, ?, ?)"
                        + " RETURNING id")
                .params(timelineId, userId, provider, context, fileOnDisk, fileSize, originalFilename, dataLabel, format,
                        contentKey, status, taskId, jobId, now, now, headersMapping, delimiter, plasoEventFilter)
                .query(Long.class).single();
        return dataSource(id).orElseThrow();
    }

    public Optional<DataSource> dataSource(long id) {
        return jdbc.sql("SELECT " + SOURCE_COLUMNS + " FROM data_source WHERE id = ?").param(id).query(SOURCE).optional();
    }

    public List<DataSource> dataSources(long timelineId) {
        return jdbc.sql("SELECT " + SOURCE_COLUMNS + " FROM data_source WHERE timeline_id = ? ORDER BY id")
                .param(timelineId).query(SOURCE).list();
    }

    public Optional<DataSource> dataSourceByContent(long timelineId, String contentKey) {
        return jdbc.sql("SELECT " + SOURCE_COLUMNS + " FROM data_source WHERE timeline_id = ? AND content_key = ?")
                .params(timelineId, contentKey).query(SOURCE).optional();
    }

    public List<DataSource> unfinishedDataSources() {
        return jdbc.sql("SELECT " + SOURCE_COLUMNS + " FROM data_source WHERE status IN ('queueing', 'processing')"
                + " ORDER BY id").query(SOURCE).list();
    }

    public void setDataSourceJob(long id, String jobId, String status) {
        jdbc.sql("UPDATE data_source SET job_id = ?, status = ?, updated_at = ? WHERE id = ?")
                .params(jobId, status, times.now(), id).update();
    }

    /** Records progress or the outcome of an import with an event filter that left {@code filtered} events out. */
    public void setDataSourceResult(long id, String status, long read, long indexed, long rejected, long filtered,
                                    String errorMessage) {
        jdbc.sql("UPDATE data_source SET status = ?, total_file_events = ?, indexed_events = ?, rejected_events = ?,"
                        + " filtered_events = ?, error_message = ?, updated_at = ? WHERE id = ?")
                .params(status, read, indexed, rejected, filtered, errorMessage, times.now(), id).update();
    }

    /** Sum of indexed events over the data sources of a timeline. */
    public long indexedEvents(long timelineId) {
        return jdbc.sql("SELECT COALESCE(SUM(indexed_events), 0) FROM data_source WHERE timeline_id = ?")
                .param(timelineId).query(Long.class).single();
    }
}
