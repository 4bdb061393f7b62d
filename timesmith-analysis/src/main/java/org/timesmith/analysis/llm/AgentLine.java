package org.timesmith.analysis.llm;

import java.util.List;

/**
 * What one line of an agent's answer is: findings (one, or several from a single-response report),
 * an error the agent reports, a line that is not a finding at all, or one with nothing to act on
 * (an empty line, a report summary). Problems are things wrong inside otherwise usable findings
 * (an annotation without a question, an unknown priority), reported but not fatal.
 */
public sealed interface AgentLine {

    record Findings(List<Finding> findings, List<String> problems, String reportSummary) implements AgentLine {
        public Findings {
            findings = List.copyOf(findings);
            problems = List.copyOf(problems);
        }
    }

    record Error(String message) implements AgentLine {
    }

    record Malformed(String reason) implements AgentLine {
    }

    record Nothing() implements AgentLine {
    }
}
