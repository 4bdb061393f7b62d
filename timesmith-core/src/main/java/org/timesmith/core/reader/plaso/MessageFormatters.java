package org.timesmith.core.reader.plaso;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.timesmith.core.normalize.PythonFormat;
import org.timesmith.core.reader.plaso.MessageFormatter.BooleanHelper;
import org.timesmith.core.reader.plaso.MessageFormatter.EnumerationHelper;

/**
 * The message formatters Timesmith knows, keyed by data type, as psort uses them when Timesketch
 * runs it: plaso's shipped definitions (facts taken from {@code plaso/data/formatters/*.yaml}) with
 * Timesketch's {@code plaso_formatters.yaml} override for {@code windows:evtx:record}. Only
 * formatters that need no plaso custom helper code are here; every other data type gets the generic
 * {@code name: value} rendering of {@link #render}. EVTX {@code message_string} is never resolved
 * (that needs plaso's {@code winevt-rc.db}), so its piece is always dropped, as in doc §10.4.
 */
final class MessageFormatters {

    /** What the message, source_long and source_short of one event came out as. */
    record Rendered(String message, String sourceLong, String sourceShort) {
    }

    static final String NO_SOURCE = "N/A";

    /** Attributes the generic rendering leaves out, as plaso's default formatter does. */
    private static final Set<String> GENERIC_SKIPPED = Set.of("data_type", "date_time", "path_spec", "timestamp",
            "timestamp_desc", "parser");

    private static final Map<String, MessageFormatter> BY_DATA_TYPE = Stream.of(
            MessageFormatter.conditional("windows:evtx:record", "WinEVTX", "EVTX", " ", List.of(),
                    "[{event_identifier}]", "{message_string}", "Source Name: {source_name}", "Strings: {strings}"),
            MessageFormatter.conditional("fs:stat", "File stat", "FILE", " ",
                    List.of(new BooleanHelper("is_allocated", "unallocated", Optional.empty(), Optional.of("unallocated"))),
                    "{display_name}", "Type: {file_entry_type}", "Owner identifier: {owner_identifier}",
                    "Group identifier: {group_identifier}", "Mode: 0o{mode:03o}",
                    "Number of links: {number_of_links}", "({unallocated})"),
            MessageFormatter.conditional("syslog:line", "Log File", "LOG", "", List.of(),
                    "{severity} ", "[", "{reporter}", ", pid: {pid}", "] {message_body}"),
            MessageFormatter.conditional("syslog:cron:task_run", "Cron log", "LOG", " ", List.of(),
                    "Cron ran: {command}", "for user: {username}", "pid: {pid}"),
            MessageFormatter.conditional("syslog:ssh:login", "SSH Log", "LOG", "", List.of(),
                    "Successful login of user: {username} ", "from {ip_address}:", "{port} ",
                    "using authentication method: {authentication_method} ", "ssh pid: {pid}"),
            MessageFormatter.conditional("syslog:ssh:failed_connection", "SSH Log", "LOG", "", List.of(),
                    "Unsuccessful connection of user: {username} ", "from {ip_address}:", "{port} ",
                    "using authentication method: {authentication_method} ", "ssh pid: {pid}"),
            MessageFormatter.conditional("syslog:ssh:opened_connection", "SSH Log", "LOG", "", List.of(),
                    "Connection opened {ip_address}:", "{port} ", "ssh pid: {pid}"),
            MessageFormatter.conditional("systemd:journal", "Systemd journal", "LOG", "", List.of(),
                    "{hostname} ", "[", "{reporter}", ", pid: {pid}", "] {message_body}"),
            MessageFormatter.conditional("selinux:line", "Audit Log", "LOG", "", List.of(),
                    "[", "audit_type: {audit_type}", ", pid: {pid}", "]", " {message_body}"),
            MessageFormatter.conditional("linux:dpkg_log:entry", "dpkg log file", "LOG", " ", List.of(),
                    "{message_body}"),
            MessageFormatter.conditional("linux:utmp:event", "UTMP session", "LOG", " ",
                    List.of(new EnumerationHelper("type", "status", MessageFormatter.names(
                            0, "EMPTY", 1, "RUN_LVL", 2, "BOOT_TIME", 3, "NEW_TIME", 4, "OLD_TIME",
                            5, "INIT_PROCESS", 6, "LOGIN_PROCESS", 7, "USER_PROCESS", 8, "DEAD_PROCESS",
                            9, "ACCOUNTING"), Optional.of("UNKNOWN"))),
                    "User: {username}", "Hostname: {hostname}", "Terminal: {terminal}", "PID: {pid}",
                    "Terminal identifier: {terminal_identifier}", "Status: {status}", "IP Address: {ip_address}",
                    "Exit status: {exit_status}"),
            MessageFormatter.conditional("apache:access_log:entry", "Apache Access Log", "LOG", " ", List.of(),
                    "http_request: {http_request}", "from: {ip_address}", "code: {http_response_code}",
                    "referer: {http_request_referer}", "user_agent: {http_request_user_agent}",
                    "server_name: {server_name}", "port: {port_number}"),
            MessageFormatter.conditional("fs:bodyfile:entry", "Bodyfile", "FILE", " ", List.of(),
                    "{filename}", "Owner identifier: {owner_identifier}", "Group identifier: {group_identifier}",
                    "Mode: {mode_as_string}", "MD5: {md5}"),
            MessageFormatter.basic("bash:history:entry", "Bash History", "LOG", "Command executed: {command}"),
            MessageFormatter.basic("fish:history:entry", "Fish History", "LOG", "Command executed: {command}"))
            .collect(Collectors.toUnmodifiableMap(MessageFormatter::dataType, Function.identity()));

    private MessageFormatters() {
    }

    static Optional<MessageFormatter> forDataType(String dataType) {
        return dataType == null ? Optional.empty() : Optional.ofNullable(BY_DATA_TYPE.get(dataType.toLowerCase(Locale.ROOT)));
    }

    /**
     * The message and sources of one event from its event data attributes (as decoded, before the
     * document rules drop dates and identifiers): the data type's formatter when there is one,
     * otherwise {@code name: value} pairs sorted by name with {@code source_long}/{@code source_short}
     * {@code N/A}, as Timesketch shows events of data types plaso has no formatter for.
     */
    static Rendered render(String dataType, Map<String, Object> attributes) {
        Optional<MessageFormatter> formatter = forDataType(dataType);
        if (formatter.isPresent()) {
            MessageFormatter f = formatter.get();
            return new Rendered(f.format(attributes), f.source(), f.shortSource());
        }
        List<String> pairs = new ArrayList<>();
        new TreeMap<>(attributes).forEach((name, value) -> {
            if (!name.startsWith("_") && !GENERIC_SKIPPED.contains(name) && value != null
                    && !PlasoDocument.isDateValue(value) && !PlasoValues.isPathSpec(value)) {
                pairs.add(name + ": " + PythonFormat.str(value));
            }
        });
        return new Rendered(MessageFormatter.withoutLineBreaks(String.join(" ", pairs)), NO_SOURCE, NO_SOURCE);
    }
}
