package org.timesmith.analysis.llm.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.timesmith.analysis.EventRef;
import org.timesmith.core.search.StoredEvent;

/**
 * Beacon-like connections: one source talking to one destination at least {@value #MIN_INTERVALS} + 1
 * times at a regular interval (standard deviation under {@value #MAX_JITTER} of the mean, mean of at
 * least {@value #MIN_MEAN_SECONDS} s). Per pair it keeps a running mean and variance of the intervals
 * (Welford) and a few events as facts, so memory does not grow with the connections; the findings come
 * when the stream ends. Connections are events with a source and destination address (Zeek's
 * {@code id.orig_h}/{@code id.resp_h}, or {@code src_ip}/{@code dst_ip} and similar).
 */
final class BeaconRule {

    static final String QUESTION = "Is there beacon-like periodic network traffic?";
    static final int MIN_INTERVALS = 9;
    static final double MAX_JITTER = 0.1;
    static final long MIN_MEAN_SECONDS = 10;
    private static final int FACTS = 3;

    private static final List<String> SOURCES = List.of("id.orig_h", "id_orig_h", "src_ip", "source_ip", "source.ip");
    private static final List<String> DESTINATIONS = List.of("id.resp_h", "id_resp_h", "dst_ip", "dest_ip",
            "destination_ip", "destination.ip");

    private static final class Pair {
        long last = Long.MIN_VALUE;
        long intervals;
        double mean;
        double m2;
        final List<EventRef> facts = new ArrayList<>(FACTS);
    }

    private final BoundedMap<String, Pair> pairs = new BoundedMap<>(10_000);

    void accept(StoredEvent event) {
        String source = EventFields.text(event, SOURCES, List.of()).orElse(null);
        if (source == null) {
            return;
        }
        String destination = EventFields.text(event, DESTINATIONS, List.of()).orElse(null);
        if (destination == null) {
            return;
        }
        Pair pair = pairs.computeIfAbsent(source + " → " + destination, k -> new Pair());
        long now = EventFields.seconds(event);
        if (pair.last != Long.MIN_VALUE) {
            double interval = now - pair.last;
            pair.intervals++;
            double delta = interval - pair.mean;
            pair.mean += delta / pair.intervals;
            pair.m2 += delta * (interval - pair.mean);
        }
        pair.last = now;
        if (pair.facts.size() < FACTS) {
            pair.facts.add(EventRef.of(event));
        }
    }

    /** The beacons, one finding per fact event of each, in the order the pairs were last seen. */
    List<AgentFinding> finish() {
        List<AgentFinding> findings = new ArrayList<>();
        pairs.forEach((key, pair) -> {
            if (pair.intervals < MIN_INTERVALS || pair.mean < MIN_MEAN_SECONDS) {
                return;
            }
            double jitter = Math.sqrt(pair.m2 / pair.intervals) / pair.mean;
            if (jitter > MAX_JITTER) {
                return;
            }
            String conclusion = key.replace(" → ", " connected to ") + " " + (pair.intervals + 1)
                    + " times at a regular interval of about " + Math.round(pair.mean) + " s (jitter "
                    + String.format(Locale.ROOT, "%.1f", jitter * 100) + "%).";
            pair.facts.forEach(fact -> findings.add(new AgentFinding(fact, QUESTION, conclusion, "medium",
                    "Command and control")));
        });
        return findings;
    }
}
