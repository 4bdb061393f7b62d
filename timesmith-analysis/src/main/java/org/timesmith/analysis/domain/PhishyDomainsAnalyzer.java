package org.timesmith.analysis.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.timesmith.analysis.AnalysisContext;
import org.timesmith.analysis.Analyzer;
import org.timesmith.analysis.AnalyzerOutcome;
import org.timesmith.analysis.AnalyzerParameter;
import org.timesmith.analysis.EventRef;
import org.timesmith.analysis.support.Annotations;
import org.timesmith.analysis.support.Emojis;
import org.timesmith.analysis.support.Kwargs;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStream;

/**
 * Timesketch's phishy domains analyzer: compares the domains of the timeline with watched domains
 * (the timeline's most visited domains and registrable domains, a base list of the most visited
 * sites, and the deployment's {@code watched_domains}) and tags the events of look-alikes
 * ({@link DomainSimilarity}) {@code phishy-domain}, with {@code similar_to} (the watched domains it
 * resembles, best first) and {@code similarity_score} (the best score) and the skull and fishing
 * pole emojis; look-alikes under an excluded domain also get {@code known-domain}. Events are read
 * once; the domain is the event's {@code domain} field or the host of its {@code url}.
 */
public final class PhishyDomainsAnalyzer implements Analyzer {

    public static final String NAME = "phishy_domains";
    static final String TAG = "phishy-domain";
    static final List<String> BASE_WATCHED = List.of("google.com", "youtube.com", "facebook.com", "baidu.com",
            "wikipedia.org", "qq.com", "amazon.com", "yahoo.com", "taobao.com", "reddit.com");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return "Phishy domains";
    }

    @Override
    public String description() {
        return "Compare visited domains against the most frequently visited domains to find potentially phishy domains";
    }

    @Override
    public List<AnalyzerParameter> parameters() {
        return List.of(
                AnalyzerParameter.optional("threshold", AnalyzerParameter.Type.NUMBER,
                        "Least character similarity (0..1) of a look-alike (default 0.75)"),
                AnalyzerParameter.optional("top_domains", AnalyzerParameter.Type.NUMBER,
                        "How many of the timeline's most visited domains are watched (default 10)"),
                AnalyzerParameter.optional("watched_domains", AnalyzerParameter.Type.STRING,
                        "More domains to watch, comma-separated"),
                AnalyzerParameter.optional("exclude_domains", AnalyzerParameter.Type.STRING,
                        "Domains never watched, comma-separated; look-alikes under them are tagged known-domain"));
    }

    @Override
    public AnalyzerOutcome run(AnalysisContext context) {
        double threshold = Kwargs.fraction(context, "threshold", 0.75);
        int top = Kwargs.positiveInt(context, "top_domains", 10);
        List<String> excluded = Kwargs.list(context, "exclude_domains", List.of()).stream()
                .map(d -> d.toLowerCase(Locale.ROOT)).toList();
        Map<String, List<EventRef>> byDomain = new HashMap<>();
        Map<EventRef, Object> emojis = new HashMap<>();
        try (EventStream events = context.stream("_exists_:domain OR _exists_:url", List.of("domain", "url", Emojis.FIELD))) {
            while (events.hasNext()) {
                StoredEvent event = events.next();
                Optional<String> domain = DomainAnalyzer.domainOf(event, List.of("domain"), List.of("url"));
                if (domain.isEmpty()) {
                    continue;
                }
                EventRef ref = EventRef.of(event);
                byDomain.computeIfAbsent(domain.get(), d -> new ArrayList<>()).add(ref);
                Object existing = event.source().get(Emojis.FIELD);
                if (existing != null) {
                    emojis.put(ref, existing);
                }
            }
        }
        if (byDomain.isEmpty()) {
            return AnalyzerOutcome.noFindings("No domains discovered, so no phishy domains.").count("phishy_domains", 0);
        }
        Map<String, Integer> watched = watched(byDomain, top, Kwargs.list(context, "watched_domains", List.of()), excluded);
        DomainSimilarity similarity = new DomainSimilarity(watched, threshold);
        Annotations annotations = new Annotations();
        List<String> marks = Emojis.codes(List.of("SKULL_CROSSBONE", "FISHING_POLE"));
        long phishy = 0;
        long phishyEvents = 0;
        boolean known = false;
        for (Map.Entry<String, List<EventRef>> entry : new java.util.TreeMap<>(byDomain).entrySet()) {
            List<DomainSimilarity.Match> matches = similarity.similar(entry.getKey());
            if (matches.isEmpty()) {
                continue;
            }
            phishy++;
            phishyEvents += entry.getValue().size();
            boolean isKnown = excluded.stream().anyMatch(x -> entry.getKey().endsWith(x));
            known |= isKnown;
            List<String> tags = isKnown ? List.of(TAG, "known-domain") : List.of(TAG);
            Map<String, Object> attributes = Map.of("similar_to", matches.stream().map(DomainSimilarity.Match::watched).toList(),
                    "similarity_score", Math.round(matches.get(0).score() * 100) / 100.0);
            context.log("Domain " + entry.getKey() + " is similar to " + matches.stream()
                    .map(m -> String.format(Locale.ROOT, "%s [score: %.2f]", m.watched(), m.score())).toList());
            for (EventRef ref : entry.getValue()) {
                annotations.tag(ref, tags);
                annotations.attributes(ref, attributes);
                annotations.emojis(ref, emojis.get(ref), marks);
            }
        }
        annotations.commit(context);
        if (phishy > 0) {
            context.addSavedSearch("Phishy Domains", "tag:\"" + TAG + "\"", "Created by the phishy domains analyzer");
            if (known) {
                context.addSavedSearch("Phishy Domains, excl. known domains",
                        "tag:\"" + TAG + "\" AND NOT tag:\"known-domain\"", "Created by the phishy domains analyzer");
            }
        }
        String summary = phishy + " potentially phishy domains discovered.";
        return (phishy > 0 ? AnalyzerOutcome.success(summary) : AnalyzerOutcome.noFindings(summary))
                .count("phishy_domains", phishy).count("phishy_events", phishyEvents).count("domains", byDomain.size())
                .count("watched_domains", watched.size());
    }

    /** The watched domains and their depths: the top domains and registrable domains, the base list, the extra ones. */
    private static Map<String, Integer> watched(Map<String, List<EventRef>> byDomain, int top, List<String> extra,
                                                List<String> excluded) {
        Map<String, Long> domains = new HashMap<>();
        Map<String, Long> tlds = new HashMap<>();
        byDomain.forEach((d, refs) -> {
            domains.merge(DomainSimilarity.stripWww(d), (long) refs.size(), Long::sum);
            String[] labels = d.split("\\.");
            String tld = labels.length < 2 ? d : labels[labels.length - 2] + "." + labels[labels.length - 1];
            tlds.merge(tld, (long) refs.size(), Long::sum);
        });
        Set<String> all = new LinkedHashSet<>(extra.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList());
        all.addAll(mostCommon(domains, top));
        all.addAll(mostCommon(tlds, top));
        all.addAll(BASE_WATCHED);
        Map<String, Integer> watched = new LinkedHashMap<>();
        for (String d : all) {
            if (d.contains(".") && excluded.stream().noneMatch(d::endsWith)) {
                watched.put(d, d.split("\\.").length);
            }
        }
        return watched;
    }

    private static List<String> mostCommon(Map<String, Long> counts, int n) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(n).map(Map.Entry::getKey).toList();
    }
}
