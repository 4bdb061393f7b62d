package org.timesmith.analysis.auth;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.timesmith.analysis.EventRef;
import org.timesmith.analysis.EventValues;
import org.timesmith.core.search.StoredEvent;

/**
 * SSH brute force (Timesketch's {@code SSHBruteForceAnalyzer}): from sshd's syslog lines (plaso's
 * {@code reporter}/{@code body}; user, address and port taken from the extracted fields when
 * present, else read from the line) and from Zeek's {@code ssh.log} ({@code auth_success} per
 * connection), finds successful logins preceded by at least 20 failures from the same address in
 * the hour before. The events of such a session are tagged {@code ssh_bruteforce} and starred.
 */
public final class SshBruteForceAnalyzer extends BruteForceAnalyzer {

    private static final Pattern ATTEMPT = Pattern.compile(
            "^(Accepted|Failed) (\\S+) for (?:invalid user )?(\\S*) from (\\S+) port (\\d+)");
    private static final Pattern DISCONNECT = Pattern.compile(
            "^Disconnected from (?:(?:invalid |authenticating )?user (\\S*) )?(\\S+) port (\\d+)");

    public SshBruteForceAnalyzer() {
        super(new BruteForceDetector.Options(3600, 20, 1, 300));
    }

    @Override
    public String name() {
        return "ssh_bruteforce";
    }

    @Override
    public String displayName() {
        return "SSH brute force";
    }

    @Override
    public String description() {
        return "Successful SSH logins after many failed ones from the same address (sshd syslog, Zeek ssh.log)";
    }

    @Override
    String query() {
        return "(reporter:sshd AND (body:Accepted OR body:Failed OR body:Disconnected)) OR data_type:\"zeek:ssh\"";
    }

    @Override
    List<String> fields() {
        return List.of("timestamp", "data_type", "body", "hostname", "username", "ip_address", "port", "auth_success",
                "id.orig_h", "id.orig_p", "uid");
    }

    @Override
    String tag() {
        return "ssh_bruteforce";
    }

    @Override
    String question() {
        return "Was there a successful brute-force login over SSH?";
    }

    @Override
    Optional<AuthEvent> parse(StoredEvent event) {
        long seconds = event.timestamp() / 1_000_000L;
        if ("zeek:ssh".equals(event.source().get("data_type"))) {
            return zeek(event, seconds);
        }
        String body = EventValues.text(event.source().get("body")).orElse("");
        String host = EventValues.text(event.source().get("hostname")).orElse("");
        Matcher attempt = ATTEMPT.matcher(body);
        if (attempt.find()) {
            String user = field(event, "username", attempt.group(3));
            String ip = field(event, "ip_address", attempt.group(4));
            String port = field(event, "port", attempt.group(5));
            AuthEvent.Kind kind = attempt.group(1).equals("Accepted") ? AuthEvent.Kind.SUCCESS : AuthEvent.Kind.FAILURE;
            return Optional.of(new AuthEvent(EventRef.of(event), seconds, ip, user, session(host, user, ip, port), kind));
        }
        Matcher disconnect = DISCONNECT.matcher(body);
        if (disconnect.find() && !body.contains("[preauth]")) {
            String user = field(event, "username", disconnect.group(1) == null ? "" : disconnect.group(1));
            String ip = field(event, "ip_address", disconnect.group(2));
            String port = field(event, "port", disconnect.group(3));
            return Optional.of(new AuthEvent(EventRef.of(event), seconds, ip, user, session(host, user, ip, port),
                    AuthEvent.Kind.DISCONNECT));
        }
        return Optional.empty();
    }

    private static Optional<AuthEvent> zeek(StoredEvent event, long seconds) {
        Object success = event.source().get("auth_success");
        String text = success == null ? "" : success.toString();
        AuthEvent.Kind kind = switch (text) {
            case "true", "T" -> AuthEvent.Kind.SUCCESS;
            case "false", "F" -> AuthEvent.Kind.FAILURE;
            default -> null;
        };
        Optional<String> ip = EventValues.text(event.source().get("id.orig_h"));
        if (kind == null || ip.isEmpty()) {
            return Optional.empty();
        }
        String session = EventValues.text(event.source().get("uid")).orElse("");
        return Optional.of(new AuthEvent(EventRef.of(event), seconds, ip.get(), "", session, kind));
    }

    private static String field(StoredEvent event, String name, String fromLine) {
        return EventValues.text(event.source().get(name)).orElse(fromLine);
    }

    /** Timesketch's pseudo session: the same host, user, address and source port. */
    private static String session(String host, String user, String ip, String port) {
        return host + "|" + user + "|" + ip + "|" + port;
    }
}
