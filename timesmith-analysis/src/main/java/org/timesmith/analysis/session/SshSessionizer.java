package org.timesmith.analysis.session;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.timesmith.analysis.AnalysisContext;
import org.timesmith.analysis.Analyzer;
import org.timesmith.analysis.AnalyzerOutcome;
import org.timesmith.analysis.AttributeBatch;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStream;

/**
 * Timesketch's {@code ssh_sessionizer}: an sshd "Connection from IP port P on …" line opens a
 * session named {@code <client ip>_<client port>}, and every later sshd line of the same process id
 * (plaso's syslog message {@code [sshd] [pid]: …}) gets it in {@code session_id.ssh_session}. Lines
 * of processes whose connection line was not seen stay unannotated, as in Timesketch.
 */
public final class SshSessionizer implements Analyzer {

    static final String SESSION_TYPE = "ssh_session";
    private static final String IPV4 = "(?:(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\\.){3}(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)";
    private static final Pattern LINE = Pattern.compile("^\\[sshd\\] \\[(\\d+)\\]:");
    private static final Pattern CONNECTION = Pattern.compile("^\\[sshd\\] \\[(\\d+)\\]: Connection from (" + IPV4
            + ") port (\\d+) on (" + IPV4 + ") port (\\d+)( rdomain (.*))?$");

    @Override
    public String name() {
        return "ssh_sessionizer";
    }

    @Override
    public String displayName() {
        return "SSH sessions";
    }

    @Override
    public String description() {
        return "SSH sessions based on client IP address and port number";
    }

    @Override
    public AnalyzerOutcome run(AnalysisContext context) {
        Map<String, String> sessionOfProcess = new HashMap<>();
        AttributeBatch batch = new AttributeBatch(context);
        long sessions = 0;
        try (EventStream events = context.stream("reporter:\"sshd\"", List.of("message", SessionIds.FIELD))) {
            while (events.hasNext()) {
                StoredEvent event = events.next();
                String message = event.source().get("message") instanceof String s ? s : "";
                Matcher connection = CONNECTION.matcher(message);
                if (connection.matches()) {
                    sessionOfProcess.put(connection.group(1), connection.group(2) + "_" + connection.group(3));
                    sessions++;
                }
                Matcher line = LINE.matcher(message);
                if (line.find() && sessionOfProcess.containsKey(line.group(1))) {
                    SessionIds.annotate(batch, event, SESSION_TYPE, sessionOfProcess.get(line.group(1)));
                }
            }
        }
        batch.flush();
        if (sessions == 0) {
            return AnalyzerOutcome.noFindings("No SSH connections found").count("sessions", 0);
        }
        context.addSavedSearch("SSH sessions", SessionIds.query(SESSION_TYPE), "added by " + name());
        return AnalyzerOutcome.success("Sessionizing completed, number of " + SESSION_TYPE + " sessions created: " + sessions)
                .count("sessions", sessions).count("events_in_sessions", batch.added());
    }
}
