package org.timesmith.analysis.chain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.timesmith.analysis.AnalysisContext;
import org.timesmith.analysis.Analyzer;
import org.timesmith.analysis.AnalyzerOutcome;
import org.timesmith.analysis.EventRef;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStream;

/**
 * Timesketch's {@code chain}: links events that belong together through its plugins (a Chrome
 * download and the file it wrote; a prefetch execution and the URL or shortcut of the program).
 * Every base event with linked events starts a chain with a new id; each event of a chain gets an
 * entry in its {@code chains} attribute ({@code chain_id}, {@code plugin}, {@code is_base}, and
 * {@code leafs} on the base), several if it belongs to several chains. Per plugin the base events
 * are read once and the candidate events once (Timesketch queries once per base event).
 */
public final class ChainAnalyzer implements Analyzer {

    private static final List<ChainPlugin> PLUGINS = List.of(new ChromeDownloadFilePlugin(), new PrefetchPlugin());

    @Override
    public String name() {
        return "chain";
    }

    @Override
    public String displayName() {
        return "Chain linked events";
    }

    @Override
    public String description() {
        return "Chain together events that are linked, such as a download and the file it wrote, or an execution and its source";
    }

    @Override
    public AnalyzerOutcome run(AnalysisContext context) {
        Map<EventRef, List<Map<String, Object>>> chains = new LinkedHashMap<>();
        Map<String, Long> linkedPerPlugin = new LinkedHashMap<>();
        long chainCount = 0;
        for (ChainPlugin plugin : PLUGINS) {
            Map<String, List<EventRef>> basesByTarget = bases(context, plugin);
            Map<EventRef, List<EventRef>> leaves = leaves(context, plugin, basesByTarget);
            long linked = 0;
            for (Map.Entry<EventRef, List<EventRef>> chain : leaves.entrySet()) {
                String id = UUID.randomUUID().toString().replace("-", "");
                for (EventRef leaf : chain.getValue()) {
                    chains.computeIfAbsent(leaf, e -> new ArrayList<>()).add(entry(id, plugin, false, -1));
                }
                chains.computeIfAbsent(chain.getKey(), e -> new ArrayList<>()).add(entry(id, plugin, true, chain.getValue().size()));
                linked += chain.getValue().size();
                chainCount++;
            }
            linkedPerPlugin.put(plugin.name(), linked);
        }
        chains.forEach((event, entries) -> context.addAttributes(List.of(event), Map.of("chains", entries)));
        long total = linkedPerPlugin.values().stream().mapToLong(Long::longValue).sum();
        String perPlugin = String.join(" - ", linkedPerPlugin.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> "[" + e.getKey() + "] " + e.getValue()).toList());
        String summary = chainCount + " base events annotated with a chain UUID for " + chainCount
                + " chains for a total of " + total + " events. " + perPlugin;
        AnalyzerOutcome outcome = chainCount == 0 ? AnalyzerOutcome.noFindings(summary.trim()) : AnalyzerOutcome.success(summary.trim());
        if (chainCount > 0) {
            context.addSavedSearch("Chained events", "_exists_:chains", "added by " + name());
        }
        outcome = outcome.count("chains", chainCount).count("chained_events", total);
        for (Map.Entry<String, Long> e : linkedPerPlugin.entrySet()) {
            outcome = outcome.count("chained_events_" + e.getKey(), e.getValue());
        }
        return outcome;
    }

    /** The plugin's base events by the name they point at. */
    private static Map<String, List<EventRef>> bases(AnalysisContext context, ChainPlugin plugin) {
        Map<String, List<EventRef>> bases = new HashMap<>();
        try (EventStream events = context.stream(plugin.baseQuery(), plugin.baseFields())) {
            while (events.hasNext()) {
                StoredEvent event = events.next();
                Optional<String> target = plugin.target(event);
                target.ifPresent(t -> bases.computeIfAbsent(t, k -> new ArrayList<>()).add(EventRef.of(event)));
            }
        }
        return bases;
    }

    /** For each base event with links, its linked events, oldest first. */
    private static Map<EventRef, List<EventRef>> leaves(AnalysisContext context, ChainPlugin plugin,
                                                        Map<String, List<EventRef>> basesByTarget) {
        Map<EventRef, List<EventRef>> leaves = new LinkedHashMap<>();
        if (basesByTarget.isEmpty()) {
            return leaves;
        }
        try (EventStream events = context.stream(plugin.candidateQuery(), plugin.candidateFields())) {
            while (events.hasNext()) {
                StoredEvent event = events.next();
                EventRef ref = EventRef.of(event);
                plugin.keys(event).stream().distinct().forEach(key -> basesByTarget.getOrDefault(key, List.of()).stream()
                        .filter(base -> !base.equals(ref))
                        .forEach(base -> leaves.computeIfAbsent(base, b -> new ArrayList<>()).add(ref)));
            }
        }
        return leaves;
    }

    private static Map<String, Object> entry(String id, ChainPlugin plugin, boolean isBase, long leafs) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("chain_id", id);
        entry.put("plugin", plugin.name());
        entry.put("is_base", isBase);
        if (isBase) {
            entry.put("leafs", leafs);
        }
        return entry;
    }
}
