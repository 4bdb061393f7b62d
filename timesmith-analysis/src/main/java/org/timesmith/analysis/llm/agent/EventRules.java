package org.timesmith.analysis.llm.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.timesmith.analysis.EventRef;
import org.timesmith.core.search.StoredEvent;

/**
 * The agent's rules that judge one event on its own: Sigma hits (the {@code sigma_*} tags Timesmith's
 * and Timesketch's Sigma analyzers write; stage from {@code attack.*} tags, priority from the rule's
 * level when the event carries it), new services and scheduled tasks (Windows 7045, 4697, 4698),
 * suspicious command lines (encoded PowerShell, living-off-the-land binaries) and log clearing
 * (1102, and 104 of the Eventlog service). Each hit is an {@link AgentFinding} with a fixed question.
 */
final class EventRules {

    static final String SIGMA_QUESTION = "Which Sigma rules matched, and what activity do they show?";
    static final String PERSISTENCE_QUESTION = "Were new services or scheduled tasks created for persistence?";
    static final String COMMAND_QUESTION = "Were suspicious command lines executed?";
    static final String LOG_CLEARING_QUESTION = "Were event logs cleared to hide activity?";

    private static final Map<String, String> TACTICS = Map.ofEntries(
            Map.entry("reconnaissance", "Reconnaissance"), Map.entry("resource_development", "Resource development"),
            Map.entry("initial_access", "Initial access"), Map.entry("execution", "Execution"),
            Map.entry("persistence", "Persistence"), Map.entry("privilege_escalation", "Privilege escalation"),
            Map.entry("defense_evasion", "Defense evasion"), Map.entry("credential_access", "Credential access"),
            Map.entry("discovery", "Discovery"), Map.entry("lateral_movement", "Lateral movement"),
            Map.entry("collection", "Collection"), Map.entry("command_and_control", "Command and control"),
            Map.entry("exfiltration", "Exfiltration"), Map.entry("impact", "Impact"));
    private static final Map<String, String> LEVELS = Map.of("critical", "high", "high", "high", "medium", "medium",
            "low", "low", "informational", "low");

    private static final Pattern ENCODED_POWERSHELL = Pattern.compile(
            "(?i)\\b(powershell|pwsh)(\\.exe)?\\b.*\\s[-/]e(nc|ncodedcommand|c)?\\s+[A-Za-z0-9+/=]{16,}");
    /** Living-off-the-land binaries used the way intrusions use them, with the technique's name. */
    private static final List<Map.Entry<Pattern, String>> LOLBINS = List.of(
            Map.entry(Pattern.compile("(?i)\\bcertutil(\\.exe)?\\b.*(-urlcache|-decode|-split)"), "certutil downloading or decoding a file"),
            Map.entry(Pattern.compile("(?i)\\bbitsadmin(\\.exe)?\\b.*/transfer"), "bitsadmin transferring a file"),
            Map.entry(Pattern.compile("(?i)\\bmshta(\\.exe)?\\b.*(https?:|javascript:|vbscript:)"), "mshta running remote or inline script"),
            Map.entry(Pattern.compile("(?i)\\bregsvr32(\\.exe)?\\b.*/i:\\s*https?:"), "regsvr32 loading a remote scriptlet"),
            Map.entry(Pattern.compile("(?i)\\brundll32(\\.exe)?\\b.*javascript:"), "rundll32 running inline script"),
            Map.entry(Pattern.compile("(?i)\\bwmic(\\.exe)?\\b.*process\\s+call\\s+create"), "wmic creating a process"),
            Map.entry(Pattern.compile("(?i)\\bvssadmin(\\.exe)?\\b.*delete\\s+shadows"), "vssadmin deleting shadow copies"),
            Map.entry(Pattern.compile("(?i)\\b(powershell|pwsh)(\\.exe)?\\b.*(downloadstring|downloadfile|invoke-webrequest|iwr\\s+http)"),
                    "PowerShell downloading from the web"));
    private static final Pattern SUSPICIOUS_PATH = Pattern.compile(
            "(?i)(\\\\temp\\\\|\\\\appdata\\\\|\\\\users\\\\public\\\\|\\\\programdata\\\\[^\\\\]+\\.exe|powershell|cmd(\\.exe)?\\s+/c|%comspec%|mshta|rundll32)");
    private static final List<String> COMMAND_FIELDS = List.of("command_line", "CommandLine", "process_command_line", "cmdline");

    private EventRules() {
    }

    /** The findings this event gives on its own (none for most events). */
    static List<AgentFinding> judge(StoredEvent event) {
        List<AgentFinding> findings = new ArrayList<>();
        EventRef ref = EventRef.of(event);
        sigma(event, ref, findings);
        long id = EventFields.eventId(event).orElse(-1);
        if (id == 7045 || id == 4697 || id == 4698) {
            persistence(event, ref, id, findings);
        }
        if (id == 1102 || (id == 104 && EventFields.sourceName(event).toLowerCase(Locale.ROOT).contains("eventlog"))) {
            String channel = id == 1102 ? "Security" : "System";
            String user = EventFields.text(event, List.of("username", "user"), List.of("SubjectUserName")).orElse("an unknown account");
            findings.add(new AgentFinding(ref, LOG_CLEARING_QUESTION, "The " + channel + " event log was cleared (event "
                    + id + ") by " + user + ".", "high", "Defense evasion"));
        }
        commandLine(event, ref, findings);
        return findings;
    }

    private static void sigma(StoredEvent event, EventRef ref, List<AgentFinding> findings) {
        List<String> tags = EventFields.tags(event);
        String stage = "Unknown";
        for (String tag : tags) {
            String lower = tag.toLowerCase(Locale.ROOT);
            if (lower.startsWith("attack.") && TACTICS.containsKey(lower.substring(7))) {
                stage = TACTICS.get(lower.substring(7));
                break;
            }
        }
        String priority = EventFields.text(event, List.of("sigma_level", "level"), List.of())
                .map(l -> LEVELS.get(l.toLowerCase(Locale.ROOT))).orElse("medium");
        for (String tag : tags) {
            if (tag.startsWith("sigma_") && tag.length() > 6) {
                findings.add(new AgentFinding(ref, SIGMA_QUESTION, "Sigma rule \"" + tag.substring(6) + "\" matched.",
                        priority == null ? "medium" : priority, stage));
            }
        }
    }

    private static void persistence(StoredEvent event, EventRef ref, long id, List<AgentFinding> findings) {
        if (id == 4698) {
            String task = EventFields.text(event, List.of("task_name"), List.of("TaskName")).orElse("(unnamed)");
            findings.add(new AgentFinding(ref, PERSISTENCE_QUESTION, "Scheduled task \"" + task + "\" was created (event 4698).",
                    "medium", "Persistence"));
            return;
        }
        String service = EventFields.text(event, List.of("service_name"), List.of("ServiceName")).orElse("(unnamed)");
        String image = EventFields.text(event, List.of("image_path", "service_file_name"), List.of("ImagePath", "ServiceFileName"))
                .orElse("");
        boolean psexec = (service + " " + image).toLowerCase(Locale.ROOT).contains("psexe");
        boolean suspicious = SUSPICIOUS_PATH.matcher(image).find();
        findings.add(new AgentFinding(ref, PERSISTENCE_QUESTION, "Service \"" + service + "\" was installed"
                + (image.isEmpty() ? "" : " with image path \"" + EventFields.excerpt(image, 200) + "\"") + " (event " + id + ")"
                + (psexec ? "; PsExec's service, a sign of remote execution." : suspicious ? "; the image path is typical of malware." : "."),
                psexec || suspicious ? "high" : "medium", psexec ? "Lateral movement" : "Persistence"));
    }

    private static void commandLine(StoredEvent event, EventRef ref, List<AgentFinding> findings) {
        Optional<String> field = EventFields.text(event, COMMAND_FIELDS, List.of("CommandLine"));
        String command = field.orElseGet(() -> EventFields.message(event));
        if (command.isEmpty() || !mayBeSuspicious(command)) {
            return;
        }
        String shown = EventFields.excerpt(command, 200);
        if (ENCODED_POWERSHELL.matcher(command).find()) {
            findings.add(new AgentFinding(ref, COMMAND_QUESTION, "Encoded PowerShell command: " + shown, "high", "Execution"));
            return;
        }
        for (Map.Entry<Pattern, String> lolbin : LOLBINS) {
            if (lolbin.getKey().matcher(command).find()) {
                findings.add(new AgentFinding(ref, COMMAND_QUESTION, "Living-off-the-land binary (" + lolbin.getValue() + "): "
                        + shown, "high", "Defense evasion"));
                return;
            }
        }
    }

    /** A cheap test before the regular expressions: most events name none of these programs. */
    private static boolean mayBeSuspicious(String command) {
        String lower = command.toLowerCase(Locale.ROOT);
        for (String word : List.of("powershell", "pwsh", "certutil", "bitsadmin", "mshta", "regsvr32", "rundll32", "wmic", "vssadmin")) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
