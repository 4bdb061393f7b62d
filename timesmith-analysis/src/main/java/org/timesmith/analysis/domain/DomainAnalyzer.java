package org.timesmith.analysis.domain;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.timesmith.analysis.AnalysisContext;
import org.timesmith.analysis.Analyzer;
import org.timesmith.analysis.AnalyzerOutcome;
import org.timesmith.analysis.EventRef;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStream;

/**
 * Finds the domain of every event with a {@code url} or {@code domain} field and records it on the
 * event, in the spirit of Timesketch's domain analyzer: {@code domain} (the host of the URL, for
 * events that only have a URL) and {@code tld} (the registrable domain by the public suffix list,
 * for example {@code bbc.co.uk} for {@code news.bbc.co.uk}). The summary counts the events, domains
 * and registrable domains; the log lists the most frequent ones. Events are streamed and updated in
 * batches into the context's buffer (written when the run succeeds), so memory grows with the
 * number of distinct domains and of events annotated, not with the events read.
 */
public final class DomainAnalyzer implements Analyzer {

    public static final String NAME = "domain";

    private static final int BATCH = 1000;
    private static final int TOP = 10;
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return "Domain";
    }

    @Override
    public String description() {
        return "Extract domains and registrable domains from url and domain fields and add them to the events";
    }

    /** Where the run writes: per index, the events to get each pair of attributes. */
    private static final class PendingUpdates {
        private final Map<String, Map<Map<String, Object>, List<EventRef>>> byIndex = new HashMap<>();
        private int size;

        void add(String index, Map<String, Object> attributes, String id) {
            byIndex.computeIfAbsent(index, i -> new HashMap<>()).computeIfAbsent(attributes, a -> new ArrayList<>())
                    .add(new EventRef(index, id));
            size++;
        }

        void flush(AnalysisContext context) {
            byIndex.forEach((index, updates) -> updates.forEach((attributes, refs) -> context.addAttributes(refs, attributes)));
            byIndex.clear();
            size = 0;
        }
    }

    @Override
    public AnalyzerOutcome run(AnalysisContext context) {
        Map<String, Long> domains = new HashMap<>();
        Map<String, Long> registrable = new HashMap<>();
        long events = 0;
        long withoutDomain = 0;
        PendingUpdates pending = new PendingUpdates();
        try (EventStream stream = context.stream("_exists_:url OR _exists_:domain", List.of("url", "domain"))) {
            while (stream.hasNext()) {
                StoredEvent event = stream.next();
                events++;
                Object domainField = event.source().get("domain");
                Optional<String> host = domainField == null ? text(event.source().get("url")).flatMap(DomainAnalyzer::hostOf)
                        : text(domainField).flatMap(DomainAnalyzer::normalise);
                if (host.isEmpty()) {
                    withoutDomain++;
                    continue;
                }
                String tld = registrableDomain(host.get());
                domains.merge(host.get(), 1L, Long::sum);
                registrable.merge(tld, 1L, Long::sum);
                Map<String, Object> attributes = new LinkedHashMap<>();
                if (domainField == null) {
                    attributes.put("domain", host.get());
                }
                attributes.put("tld", tld);
                pending.add(event.index(), attributes, event.id());
                if (pending.size >= BATCH) {
                    pending.flush(context);
                }
            }
        }
        pending.flush(context);
        registrable.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP)
                .forEach(e -> context.log(e.getKey() + ": " + e.getValue() + " events"));
        if (withoutDomain > 0) {
            context.log(withoutDomain + " events had a url or domain field without a domain name (IP addresses, bad values)");
        }
        String summary = events - withoutDomain + " events with a domain: " + domains.size() + " domains, "
                + registrable.size() + " registrable domains";
        return (domains.isEmpty() ? AnalyzerOutcome.noFindings(summary) : AnalyzerOutcome.success(summary))
                .count("domains", domains.size()).count("registrable_domains", registrable.size());
    }

    private static Optional<String> text(Object value) {
        return value instanceof String s && !s.isBlank() ? Optional.of(s.trim()) : Optional.empty();
    }

    /** The host of a URL, with or without a scheme; empty for IP addresses and malformed hosts. */
    static Optional<String> hostOf(String url) {
        String rest = SCHEME.matcher(url).replaceFirst("");
        int end = rest.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int at = rest.indexOf(c);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        String authority = rest.substring(0, end);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        if (authority.startsWith("[")) {
            return Optional.empty();
        }
        int colon = authority.indexOf(':');
        return normalise(colon >= 0 ? authority.substring(0, colon) : authority);
    }

    static Optional<String> normalise(String host) {
        String lower = host.trim().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".")) {
            lower = lower.substring(0, lower.length() - 1);
        }
        if (lower.isEmpty() || InetAddresses.isInetAddress(lower) || !InternetDomainName.isValid(lower)) {
            return Optional.empty();
        }
        return Optional.of(lower);
    }

    /** The registrable domain (public suffix + one label), or the host itself when it has none (localhost, intranet names). */
    static String registrableDomain(String host) {
        InternetDomainName name = InternetDomainName.from(host);
        return name.isUnderPublicSuffix() ? name.topPrivateDomain().toString() : host;
    }
}
