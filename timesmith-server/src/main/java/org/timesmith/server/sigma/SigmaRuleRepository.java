package org.timesmith.server.sigma;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.timesmith.server.api.Times;

/** Installed Sigma rules in the metadata database, by their rule UUID. */
@Repository
public class SigmaRuleRepository {

    private static final String COLUMNS = "id, rule_uuid, user_id, title, description, status, query_string, rule_yaml,"
            + " created_at, updated_at";
    private static final RowMapper<StoredSigmaRule> RULE = (rs, n) -> new StoredSigmaRule(rs.getLong("id"),
            rs.getString("rule_uuid"), rs.getLong("user_id"), rs.getString("title"), rs.getString("description"),
            rs.getString("status"), rs.getString("query_string"), rs.getString("rule_yaml"),
            rs.getString("created_at"), rs.getString("updated_at"));

    private final JdbcClient jdbc;
    private final Times times;

    public SigmaRuleRepository(JdbcClient jdbc, Times times) {
        this.jdbc = jdbc;
        this.times = times;
    }

    public StoredSigmaRule create(String ruleUuid, long userId, String title, String description, String status,
                                  String queryString, String ruleYaml) {
        String now = times.now();
        jdbc.sql("INSERT INTO sigma_rule (rule_uuid, user_id, title, description, status, query_string, rule_yaml,"
                        + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(ruleUuid, userId, title, description, status, queryString, ruleYaml, now, now).update();
        return byUuid(ruleUuid).orElseThrow();
    }

    public Optional<StoredSigmaRule> byUuid(String ruleUuid) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sigma_rule WHERE rule_uuid = ?").param(ruleUuid).query(RULE).optional();
    }

    public List<StoredSigmaRule> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sigma_rule ORDER BY id").query(RULE).list();
    }

    public StoredSigmaRule update(String ruleUuid, String title, String description, String status,
                                  String queryString, String ruleYaml) {
        jdbc.sql("UPDATE sigma_rule SET title = ?, description = ?, status = ?, query_string = ?, rule_yaml = ?,"
                        + " updated_at = ? WHERE rule_uuid = ?")
                .params(title, description, status, queryString, ruleYaml, times.now(), ruleUuid).update();
        return byUuid(ruleUuid).orElseThrow();
    }

    public boolean delete(String ruleUuid) {
        return jdbc.sql("DELETE FROM sigma_rule WHERE rule_uuid = ?").param(ruleUuid).update() > 0;
    }
}
