package org.timesmith.analysis.windows;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.timesmith.analysis.AnalysisContext;
import org.timesmith.analysis.Analyzer;
import org.timesmith.analysis.AnalyzerOutcome;
import org.timesmith.analysis.AttributeBatch;
import org.timesmith.analysis.EventRef;
import org.timesmith.analysis.EventValues;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStream;

/**
 * Timesketch's {@code win_crash}: application errors, hangs, WER reports, blue screens, EMET and
 * .NET crashes in the event logs, and WER report folders on disk, name the crashed program; those
 * events get {@code crash_app} and the tag {@code win_crash}. Registry values that switch crash
 * reporting off (an attacker's habit) become the facts of a conclusion instead of Timesketch's
 * event comment, since a conclusion is where an investigator looks for such a finding.
 */
public final class WinCrashAnalyzer implements Analyzer {

    static final String TAG = "win_crash";
    private static final Pattern FILENAME = Pattern.compile(
            "(?:\\\\|/)(?:AppCrash|Critical|NonCritical)_(.+?\\.exe)_[a-f0-9]{16,}|'([^']+\\.exe)'", Pattern.CASE_INSENSITIVE);
    private static final String EVTX = "data_type:\"windows:evtx:record\"";
    private static final List<String> QUERIES = List.of(
            EVTX + " AND source_name:\"Application Error\" AND event_identifier:1000 AND event_level:2",
            EVTX + " AND source_name:\"Windows Error Reporting\" AND event_identifier:1001 AND event_level:4",
            EVTX + " AND source_name:\"Microsoft-Windows-WER-SystemErrorReporting\" AND event_identifier:1001 AND event_level:2",
            EVTX + " AND source_name:\"Application Error\" AND event_identifier:1002 AND event_level:2",
            EVTX + " AND source_name:\"EMET\" AND event_identifier:1 AND (event_level:3 OR event_level:2)",
            EVTX + " AND source_name:\".NET Runtime\" AND event_identifier:1026 AND event_level:2",
            "data_type:\"fs:stat\" AND filename:\"/Microsoft/Windows/WER/\" AND file_entry_type:(\"directory\" OR \"2\")",
            "data_type:\"windows:registry:key_value\" AND key_path:\"\\\\Control\\\\CrashControl\" AND values:(\"LogEvent: REG_DWORD_LE 0\""
                    + " OR \"SendAlert: REG_DWORD_LE 0\" OR \"CrashDumpEnabled: REG_DWORD_LE 0\")",
            "data_type:\"windows:registry:key_value\" AND key_path:\"\\\\Software\\\\Microsoft\\\\PCHealth\\\\ErrorReporting\""
                    + " AND values:(\"DoReport: REG_DWORD_LE 0\" OR \"ShowUI: REG_DWORD_LE 0\")");

    @Override
    public String name() {
        return "win_crash";
    }

    @Override
    public String displayName() {
        return "Windows crashes";
    }

    @Override
    public String description() {
        return "Detect Windows application crashes and disabled crash reporting";
    }

    @Override
    public AnalyzerOutcome run(AnalysisContext context) {
        Map<String, Long> crashed = new TreeMap<>();
        List<EventRef> crashes = new ArrayList<>();
        List<EventRef> reportingDisabled = new ArrayList<>();
        AttributeBatch batch = new AttributeBatch(context);
        String query = String.join(" OR ", QUERIES.stream().map(q -> "(" + q + ")").toList());
        try (EventStream events = context.stream(query, List.of("data_type", "message", "filename"))) {
            while (events.hasNext()) {
                StoredEvent event = events.next();
                Object dataType = event.source().get("data_type");
                if ("windows:registry:key_value".equals(dataType)) {
                    reportingDisabled.add(EventRef.of(event));
                    continue;
                }
                Object text = "fs:stat".equals(dataType) ? event.source().get("filename") : event.source().get("message");
                Optional<String> app = crashedApplication(EventValues.text(text).orElse(""));
                if (app.isPresent()) {
                    crashed.merge(app.get(), 1L, Long::sum);
                    crashes.add(EventRef.of(event));
                    batch.add(EventRef.of(event), Map.of("crash_app", app.get()));
                }
            }
        }
        batch.flush();
        context.tag(crashes, List.of(TAG));
        if (!reportingDisabled.isEmpty()) {
            context.addConclusion(context.question("Was Windows crash reporting disabled?"),
                    reportingDisabled.size() + " registry values switch crash reporting off; this can indicate attacker activity",
                    reportingDisabled);
        }
        if (!crashed.isEmpty()) {
            context.addSavedSearch("Windows Crash activity", "tag:\"" + TAG + "\"", "added by " + name());
        }
        String summary = "Windows Crash analyzer completed, " + crashed.size() + " crashed application"
                + (crashed.size() > 1 ? "s" : "") + " identified: " + String.join(", ", crashed.keySet());
        return (crashed.isEmpty() && reportingDisabled.isEmpty() ? AnalyzerOutcome.noFindings(summary) : AnalyzerOutcome.success(summary))
                .count("crashed_applications", crashed.size()).count("crash_events", crashes.size())
                .count("crash_reporting_disabled", reportingDisabled.size());
    }

    /** The program named by a crash message or WER folder, if any. */
    static Optional<String> crashedApplication(String text) {
        if (!text.toLowerCase(Locale.ROOT).contains(".exe")) {
            return Optional.empty();
        }
        Matcher match = FILENAME.matcher(text);
        if (!match.find()) {
            return Optional.empty();
        }
        return Optional.of(match.group(1) != null ? match.group(1) : match.group(2));
    }
}
