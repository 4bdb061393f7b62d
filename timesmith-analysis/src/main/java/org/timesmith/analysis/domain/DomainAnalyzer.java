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
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.timesmith.analysis.AnalysisContext;
import org.timesmith.analysis.Analyzer;
import org.timesmith.analysis.AnalyzerOutcome;
import org.timesmith.analysis.AnalyzerParameter;
import org.timesmith.analysis.EventRef;
import org.timesmith.analysis.support.Charts;
import org.timesmith.analysis.support.Kwargs;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStream;

/**
 * Timesketch's domain analyzer, streaming: finds the domain of every event with a domain field or
 * a URL field and records {@code domain} (the host), {@code tld} (the registrable domain by the
 * public suffix list, for example {@code bbc.co.uk} for {@code news.bbc.co.uk}) and
 * {@code domain_count} (how many events of the run have that domain). Domains seen at most as often
 * as the 20th percentile of the per-domain counts are tagged {@code rare-domain}; those at or above
 * the 85th percentile get {@code is_common_domain}; domains of a known CDN are tagged
 * {@code known-cdn} with {@code cdn_provider}. A saved aggregation lists the top domains. The events
 * are read once; what the run needs to keep is one event reference per event with a domain (the
 * annotations are per domain, decided when all counts are known).
 */
public final class DomainAnalyzer implements Analyzer {

    public static final String NAME = "domain";

    private static final int TOP = 10;
    private static final int MAX_TERMS = 10_000;
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
        return "Extract domain names from events, tag common and rare domains as well as known CDNs";
    }

    @Override
    public List<AnalyzerParameter> parameters() {
        return List.of(
                AnalyzerParameter.optional("domain_fields", AnalyzerParameter.Type.STRING,
                        "Fields holding a domain name, comma-separated (default: domain; Zeek DNS: query)"),
                AnalyzerParameter.optional("url_fields", AnalyzerParameter.Type.STRING,
                        "Fields holding a URL or host, comma-separated (default: url; Zeek HTTP: host)"),
                AnalyzerParameter.optional("top_domains", AnalyzerParameter.Type.NUMBER,
                        "Rows of the saved top-domains aggregation (default: every domain, at most 10000)"));
    }

    @Override
    public AnalyzerOutcome run(AnalysisContext context) {
        List<String> domainFields = Kwargs.list(context, "domain_fields", List.of("domain"));
        List<String> urlFields = Kwargs.list(context, "url_fields", List.of("url"));
        Map<String, List<EventRef>> byDomain = new HashMap<>();
        long events = 0;
        long withoutDomain = 0;
        List<String> fields = new ArrayList<>(domainFields);
        fields.addAll(urlFields);
        String query = fields.stream().map(f -> "_exists_:" + f).collect(java.util.stream.Collectors.joining(" OR "));
        try (EventStream stream = context.stream(query, fields)) {
            while (stream.hasNext()) {
                StoredEvent event = stream.next();
                events++;
                Optional<String> host = domainOf(event, domainFields, urlFields);
                if (host.isEmpty()) {
                    withoutDomain++;
                    continue;
                }
                byDomain.computeIfAbsent(host.get(), h -> new ArrayList<>()).add(EventRef.of(event));
            }
        }
        if (withoutDomain > 0) {
            context.log(withoutDomain + " events had a url or domain field without a domain name (IP addresses, bad values)");
        }
        if (byDomain.isEmpty()) {
            return AnalyzerOutcome.noFindings("No domains to analyze.").count("domains", 0);
        }
        return annotate(context, byDomain, events - withoutDomain);
    }

    private AnalyzerOutcome annotate(AnalysisContext context, Map<String, List<EventRef>> byDomain,
                                     long withDomain) {
        Map<String, Long> counts = new HashMap<>();
        byDomain.forEach((d, refs) -> counts.put(d, (long) refs.size()));
        long[] values = counts.values().stream().mapToLong(Long::longValue).toArray();
        long rareAtMost = (long) Kwargs.percentile(values, 20);
        long commonAtLeast = (long) Kwargs.percentile(values, 85);
        Map<String, Long> registrable = new HashMap<>();
        Set<String> cdns = new TreeSet<>();
        long rareEvents = 0;
        long cdnEvents = 0;
        for (Map.Entry<String, List<EventRef>> entry : byDomain.entrySet()) {
            String domain = entry.getKey();
            long count = counts.get(domain);
            String tld = registrableDomain(domain);
            registrable.merge(tld, count, Long::sum);
            Optional<String> cdn = CdnProviders.of(domain);
            List<String> tags = new ArrayList<>();
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("domain", domain);
            attributes.put("tld", tld);
            attributes.put("domain_count", count);
            if (count >= commonAtLeast) {
                attributes.put("is_common_domain", true);
            }
            if (cdn.isPresent()) {
                tags.add("known-cdn");
                attributes.put("cdn_provider", cdn.get());
                cdns.add(cdn.get());
                cdnEvents += count;
            }
            if (count <= rareAtMost) {
                tags.add("rare-domain");
                rareEvents += count;
            }
            context.addAttributes(entry.getValue(), attributes);
            if (!tags.isEmpty()) {
                context.tag(entry.getValue(), tags);
            }
        }
        int top = Math.min(Kwargs.positiveInt(context, "top_domains", Math.min(byDomain.size(), MAX_TERMS)), MAX_TERMS);
        Charts.topTerms(context, "Domain Analyzer: top domains", "domain", "_exists_:domain", top, "table");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP).forEach(e -> context.log(e.getKey() + ": " + e.getValue() + " events"));
        String summary = byDomain.size() + " domains discovered (" + registrable.size() + " registrable domains) in "
                + withDomain + " events, and " + cdns.size() + " known CDN networks found";
        return AnalyzerOutcome.success(summary).count("domains", byDomain.size())
                .count("registrable_domains", registrable.size()).count("events_with_domain", withDomain)
                .count("cdn_providers", cdns.size()).count("cdn_events", cdnEvents).count("rare_domain_events", rareEvents)
                .count("rare_domain_max_count", rareAtMost).count("common_domain_min_count", commonAtLeast);
    }

    /** The event's domain: the first domain field's value, else the host of the first URL field's. */
    static Optional<String> domainOf(StoredEvent event, List<String> domainFields, List<String> urlFields) {
        return first(event, domainFields).flatMap(DomainAnalyzer::normalise)
                .or(() -> first(event, urlFields).flatMap(DomainAnalyzer::hostOf));
    }

    /** The first of the fields the event has as non-blank text. */
    private static Optional<String> first(StoredEvent event, List<String> fields) {
        for (String field : fields) {
            Optional<String> value = text(event.source().get(field));
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
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
