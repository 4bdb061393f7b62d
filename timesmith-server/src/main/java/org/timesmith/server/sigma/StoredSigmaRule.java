package org.timesmith.server.sigma;

/**
 * A Sigma rule as installed on the server: its YAML as uploaded, the fields lists show, and the
 * query it converted to when it was installed.
 */
public record StoredSigmaRule(long id, String ruleUuid, long userId, String title, String description, String status,
                              String queryString, String ruleYaml, String createdAt, String updatedAt) {
}
