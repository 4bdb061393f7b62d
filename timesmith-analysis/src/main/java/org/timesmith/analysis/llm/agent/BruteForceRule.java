package org.timesmith.analysis.llm.agent;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.timesmith.analysis.EventRef;
import org.timesmith.core.search.StoredEvent;

/**
 * Brute force followed by success: at least {@value #FAILURES} failed logins from one address within
 * {@value #WINDOW_SECONDS} s, then a successful login from that address within
 * {@value #SUCCESS_WITHIN_SECONDS} s of the last failure. Reads Windows 4625/4624 (address and account
 * from the fields or the record's EventData) and sshd's "Failed password" / "Accepted …" lines.
 * Events arrive oldest first; per address it keeps only the times of the last failures.
 */
final class BruteForceRule {

    static final String QUESTION = "Did a brute-force attack lead to a successful login?";
    static final int FAILURES = 10;
    static final long WINDOW_SECONDS = 600;
    static final long SUCCESS_WITHIN_SECONDS = 1800;

    private static final Pattern SSH = Pattern.compile(
            "(Failed|Accepted) (?:password|publickey|keyboard-interactive\\S*) for (?:invalid user )?(\\S+) from (\\S+)");

    /** The failures of one address: their times (the last {@value #FAILURES}) and the burst's first event. */
    private static final class Failures {
        final ArrayDeque<Long> times = new ArrayDeque<>();
        EventRef last;
        boolean reported;
    }

    private final BoundedMap<String, Failures> byAddress = new BoundedMap<>(10_000);

    /** A finding when this event is the success that ends a burst of failures. */
    Optional<AgentFinding> accept(StoredEvent event) {
        Optional<Login> login = login(event);
        if (login.isEmpty()) {
            return Optional.empty();
        }
        Login l = login.get();
        long now = EventFields.seconds(event);
        Failures failures = byAddress.computeIfAbsent(l.address(), a -> new Failures());
        if (!l.success()) {
            if (failures.times.size() == FAILURES) {
                failures.times.removeFirst();
            }
            failures.times.addLast(now);
            failures.last = EventRef.of(event);
            failures.reported = false;
            return Optional.empty();
        }
        if (failures.reported || failures.times.size() < FAILURES
                || failures.times.getLast() - failures.times.getFirst() > WINDOW_SECONDS
                || now - failures.times.getLast() > SUCCESS_WITHIN_SECONDS) {
            return Optional.empty();
        }
        failures.reported = true;
        long minutes = Math.max(1, (failures.times.getLast() - failures.times.getFirst() + 59) / 60);
        return Optional.of(new AgentFinding(EventRef.of(event), QUESTION, "At least " + FAILURES + " failed logins from "
                + l.address() + " within " + minutes + " minutes, then a successful login as " + l.account() + " at "
                + EventFields.datetime(event) + ".", "high", "Credential access"));
    }

    private record Login(boolean success, String account, String address) {
    }

    private static Optional<Login> login(StoredEvent event) {
        long id = EventFields.eventId(event).orElse(-1);
        if (id == 4624 || id == 4625) {
            Optional<String> address = EventFields.text(event, List.of("ip_address", "source_ip", "src_ip"), List.of("IpAddress"))
                    .filter(a -> !a.equals("-") && !a.equals("::1") && !a.equals("127.0.0.1"));
            if (address.isEmpty()) {
                return Optional.empty();
            }
            String account = EventFields.text(event, List.of("username", "target_user_name"), List.of("TargetUserName"))
                    .orElse("an unknown account");
            return Optional.of(new Login(id == 4624, account, address.get()));
        }
        String message = EventFields.message(event);
        if (!message.contains(" for ")) {
            return Optional.empty();
        }
        Matcher ssh = SSH.matcher(message);
        return ssh.find() ? Optional.of(new Login(ssh.group(1).equals("Accepted"), ssh.group(2), ssh.group(3)))
                : Optional.empty();
    }
}
