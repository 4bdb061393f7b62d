package org.timesmith.analysis.browser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.timesmith.analysis.AnalysisContext;
import org.timesmith.analysis.Analyzer;
import org.timesmith.analysis.AnalyzerOutcome;
import org.timesmith.analysis.AnalyzerParameter;
import org.timesmith.analysis.EventRef;
import org.timesmith.analysis.support.Annotations;
import org.timesmith.analysis.support.Charts;
import org.timesmith.analysis.support.Emojis;
import org.timesmith.analysis.support.Kwargs;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStream;

/**
 * Timesketch's browser search analyzer: browser history events whose URL is a search engine's
 * result page get {@code search_string} (the decoded query), {@code search_engine} and
 * {@code search_day} ({@code D:2024-03-04}), the tag {@code browser-search} and the magnifying glass
 * emoji. A saved search, three top-values tables (queries, days, engines' domains) and a section
 * of the "Browser Artifacts" story sum it up; the result counts searches per engine.
 */
public final class BrowserSearchAnalyzer implements Analyzer {

    public static final String NAME = "browser_search";
    static final String TAG = "browser-search";
    static final String QUERY = "source_short:\"WEBHIST\" OR source:\"WEBHIST\"";
    static final String STORY = "Browser Artifacts";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return "Browser search terms";
    }

    @Override
    public String description() {
        return "Extract search terms from the URLs of search engines in browser history";
    }

    @Override
    public List<AnalyzerParameter> parameters() {
        return List.of(AnalyzerParameter.optional("max_items", AnalyzerParameter.Type.NUMBER,
                "Rows of each saved top-values table (default 20)"));
    }

    @Override
    public AnalyzerOutcome run(AnalysisContext context) {
        int top = Kwargs.positiveInt(context, "max_items", 20);
        List<String> glass = Emojis.codes(List.of("MAGNIFYING_GLASS"));
        Annotations annotations = new Annotations();
        Map<String, Long> perEngine = new TreeMap<>();
        long searches = 0;
        try (EventStream events = context.stream(QUERY, List.of("url", "datetime", Emojis.FIELD))) {
            while (events.hasNext()) {
                StoredEvent event = events.next();
                Optional<SearchEngines.Search> search = event.source().get("url") instanceof String url
                        ? SearchEngines.search(url) : Optional.empty();
                if (search.isEmpty()) {
                    continue;
                }
                searches++;
                perEngine.merge(search.get().engine(), 1L, Long::sum);
                EventRef ref = EventRef.of(event);
                annotations.attribute(ref, "search_string", search.get().query());
                annotations.attribute(ref, "search_engine", search.get().engine());
                String datetime = String.valueOf(event.source().get("datetime"));
                annotations.attribute(ref, "search_day", "D:" + datetime.substring(0, Math.min(10, datetime.length())));
                annotations.tag(ref, List.of(TAG));
                annotations.emojis(event, glass);
            }
        }
        annotations.commit(context);
        if (searches == 0) {
            return AnalyzerOutcome.noFindings("Browser Search completed with 0 search results extracted.").count("searches", 0);
        }
        record(context, searches, perEngine, top);
        AnalyzerOutcome outcome = AnalyzerOutcome.success("Browser Search completed with " + searches
                + " search results extracted.").count("searches", searches);
        for (Map.Entry<String, Long> e : perEngine.entrySet()) {
            outcome = outcome.count("engine:" + e.getKey(), e.getValue());
        }
        return outcome;
    }

    private static void record(AnalysisContext context, long searches, Map<String, Long> perEngine, int top) {
        String tagged = "tag:\"" + TAG + "\"";
        context.addSavedSearch("Browser Search", tagged, "Created by the browser search analyzer");
        Charts.topTerms(context, "Top " + top + " browser search queries", "search_string", tagged, top, "table");
        Charts.topTerms(context, "Top " + top + " days of search queries", "search_day", tagged, top, "barchart");
        Charts.topTerms(context, "Top " + top + " search engines", "domain", tagged, top, "table");
        List<String> blocks = new ArrayList<>();
        blocks.add("## Browser Search Analyzer\n\nThe browser search analyzer extracts the search string from the URLs"
                + " of search engines' result pages. It found " + searches + " browser searches.");
        StringBuilder table = new StringBuilder("| search engine | searches |\n|---|---|\n");
        perEngine.forEach((engine, n) -> table.append("| ").append(engine).append(" | ").append(n).append(" |\n"));
        blocks.add(table.toString());
        blocks.add("The saved search \"Browser Search\" lists them; the tables \"Top " + top
                + " browser search queries\", \"Top " + top + " days of search queries\" and \"Top " + top
                + " search engines\" sum them up.");
        context.addStory(STORY, blocks);
    }
}
