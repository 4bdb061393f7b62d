package org.timesmith.analysis.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timesmith.analysis.TestTimelines.count;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timesmith.analysis.AnalysisResult;
import org.timesmith.analysis.TestTimelines;
import org.timesmith.store.lucene.LuceneEventStore;

/**
 * browser_search and browser_timeframe on a Chrome history timeline built for these tests
 * ({@code browser/chrome_history.jsonl}: 209 visits over five working days, 08-17 UTC, and five
 * night visits at 02 and 03 UTC; no public browser history fixture exists).
 */
class BrowserAnalyzersTest {

    static final String HISTORY = "/org/timesmith/analysis/browser/chrome_history.jsonl";

    @TempDir
    Path dir;

    @Test
    void searchQueriesAreExtractedFromTheEnginesUrls() throws IOException {
        try (LuceneEventStore store = new LuceneEventStore(dir)) {
            TestTimelines.write(store, "web", 1, TestTimelines.projectFixture(HISTORY));

            AnalysisResult result = TestTimelines.run(new BrowserSearchAnalyzer(), store, "web", Map.of());

            assertThat(result.summary()).isEqualTo("Browser Search completed with 81 search results extracted.");
            assertThat(result.counts()).containsEntry("searches", 81L).containsEntry("engine:Google", 28L)
                    .containsEntry("engine:GMail", 13L).containsEntry("engine:Bing", 13L)
                    .containsEntry("engine:DuckDuckGo", 9L).containsEntry("engine:Youtube", 17L)
                    .containsEntry("engine:Yahoo", 1L);
            assertThat(count(store, "web", "tag:\"browser-search\"")).isEqualTo(81);
            assertThat(count(store, "web", "search_string:\"jaccard similarity minhash\"")).isEqualTo(17);
            assertThat(count(store, "web", "search_string:\"invoice march\" AND search_engine:GMail")).isEqualTo(13);
            assertThat(count(store, "web", "search_string:\"timesketch analyzers\"")).isEqualTo(10);
            assertThat(count(store, "web", "search_day:\"D:2024-03-04\"")).isPositive();
            assertThat(count(store, "web", "__ts_emojis:\"&#x1F50E\"")).isEqualTo(81);
            assertThat(result.created().savedViews()).hasSize(1);
            assertThat(result.created().aggregations()).hasSize(3);
            assertThat(result.created().stories()).hasSize(1);
        }
    }

    @Test
    void searchUrlsAreParsedByParameterNameAndBrokenOnesAreLeftAlone() {
        assertThat(SearchEngines.search("https://www.google.com/search?oq=typed&q=real+query"))
                .contains(new SearchEngines.Search("Google", "real query"));
        assertThat(SearchEngines.search("https://www.google.com/search?q=%E2%82%AC+price"))
                .contains(new SearchEngines.Search("Google", "€ price"));
        assertThat(SearchEngines.search("https://www.google.com/search?q=100%+bad%zzescape"))
                .contains(new SearchEngines.Search("Google", "100% bad%zzescape"));
        assertThat(SearchEngines.search("https://mail.google.com/mail/u/0/#search/from%3Aboss/FMfcg"))
                .contains(new SearchEngines.Search("GMail", "from:boss"));
        assertThat(SearchEngines.search("https://www.google.com/search?q=")).isEmpty();
        assertThat(SearchEngines.search("https://www.google.com/search")).isEmpty();
        assertThat(SearchEngines.search("not a url")).isEmpty();
        assertThat(SearchEngines.search("")).isEmpty();
    }

    @Test
    void eventsOutsideTheActiveHoursAreTagged() throws IOException {
        try (LuceneEventStore store = new LuceneEventStore(dir)) {
            TestTimelines.write(store, "web", 1, TestTimelines.projectFixture(HISTORY));

            AnalysisResult result = TestTimelines.run(new BrowserTimeframeAnalyzer(), store, "web", Map.of());

            assertThat(result.summary()).isEqualTo("Tagged 5 out of 209 events as outside of normal active hours.");
            assertThat(result.counts()).containsEntry("active_hours", 10L).containsEntry("events_outside_active_hours", 5L);
            assertThat(count(store, "web", "tag:\"outside-active-hours\"")).isEqualTo(5);
            assertThat(count(store, "web", "activity_summary:\"Number of events for this hour (2): 3, with the threshold value: 3.58\""))
                    .isEqualTo(3);
            assertThat(count(store, "web", "hour_count:2")).isEqualTo(2);
            assertThat(count(store, "web", "__ts_emojis:\"&#x1F634\"")).isEqualTo(5);
            assertThat(result.created().stories()).hasSize(1);
        }
    }

    @Test
    void activeHoursFollowTimesketchsThresholds() {
        long[] perHour = new long[24];
        for (int h = 8; h < 18; h++) {
            perHour[h] = 20;
        }
        perHour[2] = 3;
        // one quiet hour: the lowest candidate threshold (75th percentile - mean = 1.55) keeps 11 hours, the most
        assertThat(ActiveHours.of(perHour).hours()).containsExactly(2, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17);
        // the browser fixture's hours: with counts of 19 to 22 by day, 75th percentile - mean = 3.58 wins
        long[] fixture = new long[24];
        long[] byHour = {20, 19, 22, 21, 20, 22, 20, 19, 21, 20};
        System.arraycopy(byHour, 0, fixture, 8, 10);
        fixture[2] = 3;
        fixture[3] = 2;
        ActiveHours hours = ActiveHours.of(fixture);
        assertThat(hours.hours()).containsExactly(8, 9, 10, 11, 12, 13, 14, 15, 16, 17);
        assertThat(hours.threshold()).isCloseTo(3.58, org.assertj.core.api.Assertions.within(0.01));
        // a single-hour gap is filled; a day that wraps keeps both ends
        assertThat(ActiveHours.fillGaps(List.of(1, 2, 4, 5, 9, 10, 14, 15))).containsExactly(0, 1, 2, 3, 4, 5, 14, 15);
        assertThat(ActiveHours.fillGaps(List.of(8, 9, 11, 12))).containsExactly(8, 9, 10, 11, 12);
    }

    @Test
    void aTimelineWithoutBrowserHistoryHasNoFindings() throws IOException {
        try (LuceneEventStore store = new LuceneEventStore(dir)) {
            TestTimelines.write(store, "web", 1, List.of(Map.of("message", "m", "timestamp", 1L,
                    "datetime", "1970-01-01T00:00:00Z", "timestamp_desc", "t", "source_short", "WEBHIST")));
            AnalysisResult search = TestTimelines.run(new BrowserSearchAnalyzer(), store, "web", Map.of("max_items", "x"));
            assertThat(search.status()).isEqualTo(AnalysisResult.Status.ERROR);
            assertThat(search.summary()).isEqualTo("max_items must be a positive whole number, not x");
            assertThat(TestTimelines.run(new BrowserSearchAnalyzer(), store, "web", Map.of()).status())
                    .isEqualTo(AnalysisResult.Status.NO_FINDINGS);
            assertThat(TestTimelines.run(new BrowserTimeframeAnalyzer(), store, "web", Map.of()).summary())
                    .isEqualTo("Tagged 0 out of 1 events as outside of normal active hours.");
        }
    }
}
