package org.timesmith.server.searchtemplate;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.timesmith.server.api.Times;

/** Search templates in the metadata database. */
@Repository
public class SearchTemplateRepository {

    private static final String COLUMNS = "id, template_uuid, user_id, is_public, name, short_name, description,"
            + " query_string, query_filter, query_dsl, template_json, source_view_id, source_sketch_id, created_at,"
            + " updated_at";
    private static final RowMapper<SearchTemplate> TEMPLATE = (rs, n) -> new SearchTemplate(rs.getLong("id"),
            rs.getString("template_uuid"), optionalLong(rs, "user_id"),
            rs.getBoolean("is_public"), rs.getString("name"), rs.getString("short_name"), rs.getString("description"),
            rs.getString("query_string"), rs.getString("query_filter"), rs.getString("query_dsl"),
            rs.getString("template_json"), optionalLong(rs, "source_view_id"),
            optionalLong(rs, "source_sketch_id"), rs.getString("created_at"),
            rs.getString("updated_at"));

    /** A nullable BIGINT column (sqlite-jdbc cannot read NULL as {@code getObject(column, Long.class)}). */
    private static Optional<Long> optionalLong(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }

    private final JdbcClient jdbc;
    private final Times times;

    public SearchTemplateRepository(JdbcClient jdbc, Times times) {
        this.jdbc = jdbc;
        this.times = times;
    }

    /** A user's template, made from a saved search (its id and sketch) or not. */
    public SearchTemplate create(String templateUuid, long userId, String name, String description, String queryString,
                                 String queryFilter, String queryDsl, Optional<Long> sourceViewId,
                                 Optional<Long> sourceSketchId) {
        String now = times.now();
        long id = jdbc.sql("INSERT INTO search_template (template_uuid, user_id, is_public, name, short_name,"
                        + " description, query_string, query_filter, query_dsl, template_json, source_view_id,"
                        + " source_sketch_id, created_at, updated_at) VALUES (?, ?, FALSE, ?, '', ?, ?, ?, ?, '', ?, ?, ?, ?)"
                        + " RETURNING id")
                .params(templateUuid, userId, name, description, queryString, queryFilter, queryDsl,
                        sourceViewId.orElse(null), sourceSketchId.orElse(null), now, now)
                .query(Long.class).single();
        return byId(id).orElseThrow();
    }

    /**
     * A public template from the DFIQ library, created or brought up to date by its uuid (several
     * nodes may do this at once on start, hence the upsert).
     */
    public SearchTemplate upsertPublic(String templateUuid, String name, String shortName, String description,
                                       String queryString, String templateJson) {
        String now = times.now();
        jdbc.sql("INSERT INTO search_template (template_uuid, user_id, is_public, name, short_name, description,"
                        + " query_string, query_filter, query_dsl, template_json, created_at, updated_at)"
                        + " VALUES (?, NULL, TRUE, ?, ?, ?, ?, '{}', '', ?, ?, ?)"
                        + " ON CONFLICT (template_uuid) DO UPDATE SET name = excluded.name,"
                        + " short_name = excluded.short_name, description = excluded.description,"
                        + " query_string = excluded.query_string, template_json = excluded.template_json,"
                        + " updated_at = excluded.updated_at"
                        + " WHERE search_template.user_id IS NULL AND (search_template.query_string <> excluded.query_string"
                        + " OR search_template.name <> excluded.name OR search_template.description <> excluded.description"
                        + " OR search_template.template_json <> excluded.template_json)")
                .params(templateUuid, name, shortName, description, queryString, templateJson, now, now).update();
        return byUuid(templateUuid).orElseThrow();
    }

    public Optional<SearchTemplate> byId(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM search_template WHERE id = ?").param(id).query(TEMPLATE).optional();
    }

    public Optional<SearchTemplate> byUuid(String templateUuid) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM search_template WHERE template_uuid = ?").param(templateUuid)
                .query(TEMPLATE).optional();
    }

    public Optional<SearchTemplate> bySourceView(long viewId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM search_template WHERE source_view_id = ?").param(viewId)
                .query(TEMPLATE).optional();
    }

    /** The templates a user may read: the public ones and the user's own (all for an administrator). */
    public List<SearchTemplate> readable(long userId, boolean admin) {
        if (admin) {
            return jdbc.sql("SELECT " + COLUMNS + " FROM search_template ORDER BY id").query(TEMPLATE).list();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM search_template WHERE is_public = TRUE OR user_id = ? ORDER BY id")
                .param(userId).query(TEMPLATE).list();
    }

    /** The templates of these ids, in the order given. */
    public List<SearchTemplate> byIds(List<Long> ids) {
        return ids.stream().map(this::byId).flatMap(Optional::stream).toList();
    }

    /** The sketch of a saved search, whatever sketch it is in (the caller checks access to that sketch). */
    public Optional<Long> sketchOfView(long viewId) {
        return jdbc.sql("SELECT sketch_id FROM saved_view WHERE id = ?").param(viewId).query(Long.class).optional();
    }

    public boolean delete(long id) {
        return jdbc.sql("DELETE FROM search_template WHERE id = ?").param(id).update() > 0;
    }
}
