package org.timesmith.server.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.timesmith.server.api.Times;

/** Installed Sigma rules in the metadata database, by their rule UUID. */
@Repository
public class SigmaRuleRepository {

    /** What a rule is described by besides its YAML: the columns lists show and searches read. */
    public record Described(String title, String description, String status, String level, String tags,
                            String logsource, String queryString, String ruleYaml) {
    }

    /** A search: every non-empty part must hold (case-insensitive substrings; status and level exact). */
    public record Search(String title, String tag, String logsource, String status, String level, Optional<Boolean> live) {
        public static Search all() {
            return new Search("", "", "", "", "", Optional.empty());
        }
    }

    private static final String COLUMNS = "id, rule_uuid, user_id, title, description, status, query_string, rule_yaml,"
            + " created_at, updated_at, live, level, tags, logsource";
    private static final RowMapper<StoredSigmaRule> RULE = (rs, n) -> new StoredSigmaRule(rs.getLong("id"),
            rs.getString("rule_uuid"), rs.getLong("user_id"), rs.getString("title"), rs.getString("description"),
            rs.getString("status"), rs.getString("query_string"), rs.getString("rule_yaml"),
            rs.getString("created_at"), rs.getString("updated_at"), rs.getBoolean("live"), rs.getString("level"),
            rs.getString("tags"), rs.getString("logsource"));

    private final JdbcClient jdbc;
    private final Times times;

    public SigmaRuleRepository(JdbcClient jdbc, Times times) {
        this.jdbc = jdbc;
        this.times = times;
    }

    public StoredSigmaRule create(String ruleUuid, long userId, Described rule) {
        String now = times.now();
        jdbc.sql("INSERT INTO sigma_rule (rule_uuid, user_id, title, description, status, query_string, rule_yaml,"
                        + " created_at, updated_at, level, tags, logsource) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(ruleUuid, userId, rule.title(), rule.description(), rule.status(), rule.queryString(),
                        rule.ruleYaml(), now, now, rule.level(), rule.tags(), rule.logsource()).update();
        return byUuid(ruleUuid).orElseThrow();
    }

    public Optional<StoredSigmaRule> byUuid(String ruleUuid) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sigma_rule WHERE rule_uuid = ?").param(ruleUuid).query(RULE).optional();
    }

    public List<StoredSigmaRule> all() {
        return search(Search.all());
    }

    public List<StoredSigmaRule> search(Search search) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM sigma_rule WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        like(sql, params, "title", search.title());
        like(sql, params, "tags", search.tag());
        like(sql, params, "logsource", search.logsource());
        if (!search.status().isBlank()) {
            sql.append(" AND LOWER(status) = ?");
            params.add(search.status().trim().toLowerCase(Locale.ROOT));
        }
        if (!search.level().isBlank()) {
            sql.append(" AND LOWER(level) = ?");
            params.add(search.level().trim().toLowerCase(Locale.ROOT));
        }
        search.live().ifPresent(live -> {
            sql.append(" AND live = ?");
            params.add(live);
        });
        sql.append(" ORDER BY id");
        return jdbc.sql(sql.toString()).params(params).query(RULE).list();
    }

    private static void like(StringBuilder sql, List<Object> params, String column, String text) {
        if (!text.isBlank()) {
            sql.append(" AND LOWER(").append(column).append(") LIKE ? ESCAPE '!'");
            String escaped = text.trim().toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_");
            params.add("%" + escaped + "%");
        }
    }

    public StoredSigmaRule update(String ruleUuid, Described rule) {
        jdbc.sql("UPDATE sigma_rule SET title = ?, description = ?, status = ?, query_string = ?, rule_yaml = ?,"
                        + " updated_at = ?, level = ?, tags = ?, logsource = ? WHERE rule_uuid = ?")
                .params(rule.title(), rule.description(), rule.status(), rule.queryString(), rule.ruleYaml(),
                        times.now(), rule.level(), rule.tags(), rule.logsource(), ruleUuid).update();
        return byUuid(ruleUuid).orElseThrow();
    }

    /** Fills the description columns of a rule installed before they existed, leaving updated_at as it was. */
    public void describe(String ruleUuid, String level, String tags, String logsource) {
        jdbc.sql("UPDATE sigma_rule SET level = ?, tags = ?, logsource = ? WHERE rule_uuid = ?")
                .params(level, tags, logsource, ruleUuid).update();
    }

    public StoredSigmaRule setLive(String ruleUuid, boolean live) {
        jdbc.sql("UPDATE sigma_rule SET live = ?, updated_at = ? WHERE rule_uuid = ?")
                .params(live, times.now(), ruleUuid).update();
        return byUuid(ruleUuid).orElseThrow();
    }

    public boolean delete(String ruleUuid) {
        return jdbc.sql("DELETE FROM sigma_rule WHERE rule_uuid = ?").param(ruleUuid).update() > 0;
    }
}
