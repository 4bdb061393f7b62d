package org.timesmith.analysis.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an agent's answer, line by line, in every shape Timesketch accepts: the seed contract's
 * finding per line ({@code record_id}, {@code annotations[]} with {@code investigative_question},
 * {@code conclusions[]}, {@code priority}, {@code attack_stage}; {@code _index} or
 * {@code __ts_index_name}; or {@code error}), a finding with {@code record_ids[]}, the feature's
 * single response {@code {"findings": [{"log_records": [{"record_id"}], "annotations"}],
 * "report_summary"}}, and a report whose {@code ## Investigation Findings} section is a JSON list of
 * {@code finding}, {@code severity}, {@code record_ids}, {@code description}, {@code relevance}
 * (as a line's {@code content}, a bare JSON list, or a whole non-NDJSON body). Unknown fields are
 * ignored. Severities map to question priorities as Timesketch's do ({@code notice} → low,
 * {@code critical} → high), plus the plain levels.
 */
public final class FindingParser {

    /** The heading of the findings section of a single-response report. */
    public static final String FINDINGS_HEADING = "## Investigation Findings";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> PRIORITIES = Map.of("info", "low", "informational", "low", "notice", "low",
            "low", "low", "medium", "medium", "warning", "medium", "high", "high", "critical", "high");

    private FindingParser() {
    }

    /** One NDJSON line of the answer. */
    public static AgentLine parseLine(String line) {
        if (line.isBlank()) {
            return new AgentLine.Nothing();
        }
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JacksonException e) {
            return new AgentLine.Malformed("not JSON: " + e.getOriginalMessage());
        }
        if (node.isArray()) {
            return investigationFindings(node, "");
        }
        if (!node.isObject()) {
            return new AgentLine.Malformed("not a JSON object");
        }
        if (node.has("error")) {
            JsonNode error = node.get("error");
            return new AgentLine.Error(error.isString() ? error.asString() : error.toString());
        }
        if (node.path("findings").isArray()) {
            return featureResponse(node);
        }
        for (String field : List.of("content", "response", "text")) {
            if (node.path(field).isString() && node.get(field).asString().contains(FINDINGS_HEADING)) {
                return parseReport(node.get(field).asString());
            }
        }
        List<String> problems = new ArrayList<>();
        Optional<Finding> finding = finding(node, problems);
        if (finding.isEmpty()) {
            return new AgentLine.Malformed(problems.isEmpty() ? "no record_id and annotations" : problems.get(0));
        }
        return new AgentLine.Findings(List.of(finding.get()), problems, "");
    }

    /** A whole answer that is a report (Markdown with a {@code ## Investigation Findings} JSON section). */
    public static AgentLine parseReport(String text) {
        int at = text.lastIndexOf(FINDINGS_HEADING);
        if (at < 0) {
            return new AgentLine.Malformed("a report without a \"" + FINDINGS_HEADING + "\" section");
        }
        String summary = text.substring(0, at).strip();
        String section = text.substring(at + FINDINGS_HEADING.length()).strip();
        if (section.startsWith("```")) {
            section = section.replaceFirst("^```[a-zA-Z]*", "");
            int fence = section.lastIndexOf("```");
            section = (fence >= 0 ? section.substring(0, fence) : section).strip();
        }
        try {
            return investigationFindings(JSON.readTree(section), summary);
        } catch (JacksonException e) {
            return new AgentLine.Malformed("the \"" + FINDINGS_HEADING + "\" section is not JSON: " + e.getOriginalMessage());
        }
    }

    private static AgentLine investigationFindings(JsonNode list, String summary) {
        if (!list.isArray()) {
            return new AgentLine.Malformed("the \"" + FINDINGS_HEADING + "\" section is not a JSON list");
        }
        List<Finding> findings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (JsonNode item : list) {
            String question = text(item, "finding");
            List<String> ids = strings(item.path("record_ids"));
            if (question.isEmpty() || ids.isEmpty()) {
                problems.add("a finding without \"finding\" or \"record_ids\"");
                continue;
            }
            String description = text(item, "description");
            String relevance = text(item, "relevance");
            String conclusion = relevance.isEmpty() ? description
                    : description.isEmpty() ? relevance : description + "\n\n" + relevance;
            if (conclusion.isEmpty()) {
                conclusion = question;
            }
            findings.add(new Finding(ids, Optional.empty(), List.of(new Finding.Annotation(question, List.of(conclusion),
                    priority(text(item, "severity"), problems), optional(item, "attack_stage")))));
        }
        return new AgentLine.Findings(findings, problems, summary);
    }

    private static AgentLine featureResponse(JsonNode node) {
        List<Finding> findings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (JsonNode item : node.get("findings")) {
            List<String> ids = new ArrayList<>();
            item.path("log_records").forEach(record -> {
                if (record.path("record_id").isString() && !record.get("record_id").asString().isBlank()) {
                    ids.add(record.get("record_id").asString());
                }
            });
            ids.addAll(strings(item.path("record_ids")));
            List<Finding.Annotation> annotations = annotations(item.path("annotations"), problems);
            if (ids.isEmpty() || annotations.isEmpty()) {
                problems.add("a finding without record ids or annotations");
                continue;
            }
            findings.add(new Finding(ids, Optional.empty(), annotations));
        }
        return new AgentLine.Findings(findings, problems, text(node, "report_summary"));
    }

    private static Optional<Finding> finding(JsonNode node, List<String> problems) {
        List<String> ids = new ArrayList<>();
        if (node.path("record_id").isString() && !node.get("record_id").asString().isBlank()) {
            ids.add(node.get("record_id").asString());
        } else if (node.path("record_id").isNumber()) {
            ids.add(node.get("record_id").asString());
        }
        ids.addAll(strings(node.path("record_ids")));
        if (ids.isEmpty()) {
            problems.add("a finding without record_id");
            return Optional.empty();
        }
        if (!node.path("annotations").isArray()) {
            problems.add("a finding without annotations");
            return Optional.empty();
        }
        List<Finding.Annotation> annotations = annotations(node.get("annotations"), problems);
        if (annotations.isEmpty()) {
            if (problems.isEmpty()) {
                problems.add("a finding whose annotations list is empty");
            }
            return Optional.empty();
        }
        Optional<String> index = optional(node, "_index").or(() -> optional(node, "__ts_index_name"));
        return Optional.of(new Finding(ids, index, annotations));
    }

    private static List<Finding.Annotation> annotations(JsonNode list, List<String> problems) {
        List<Finding.Annotation> annotations = new ArrayList<>();
        for (JsonNode item : list) {
            String question = text(item, "investigative_question");
            List<String> conclusions = strings(item.path("conclusions"));
            if (question.isEmpty() || conclusions.isEmpty()) {
                problems.add("an annotation without investigative_question or conclusions");
                continue;
            }
            annotations.add(new Finding.Annotation(question, conclusions, priority(text(item, "priority"), problems),
                    optional(item, "attack_stage")));
        }
        return annotations;
    }

    /** A priority or severity as a question priority; an unknown one is a problem and no priority. */
    static Optional<String> priority(String value, List<String> problems) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String mapped = PRIORITIES.get(value.toLowerCase(Locale.ROOT));
        if (mapped == null) {
            problems.add("unknown priority " + value);
        }
        return Optional.ofNullable(mapped);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.asString().strip() : "";
    }

    private static Optional<String> optional(JsonNode node, String field) {
        String value = text(node, field);
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static List<String> strings(JsonNode list) {
        List<String> values = new ArrayList<>();
        if (list.isArray()) {
            for (JsonNode item : list) {
                if ((item.isString() && !item.asString().isBlank()) || item.isNumber()) {
                    values.add(item.asString().strip());
                }
            }
        }
        return values;
    }
}
