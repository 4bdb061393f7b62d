package org.timesmith.analysis.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timesmith.analysis.AnalysisResult;
import org.timesmith.analysis.AnalyzerFixture;
import org.timesmith.analysis.Findings;
import org.timesmith.analysis.TestTimelines;
import org.timesmith.core.search.StoredEvent;

/**
 * The time-gap sessionizers on real data (plaso's psort test storage: 20 syslog and file events;
 * the System.evtx plaso file: 3205 events) and on this module's {@code psexec_web.jsonl} (browser
 * visits with known gaps, built for this test since no public fixture has WEBHIST events).
 */
class TimeGapSessionizerTest {

    @TempDir
    Path dir;

    @Test
    void sessionizerSplitsPlasoSyslogAtFiveMinuteGaps() throws Exception {
        try (AnalyzerFixture fixture = new AnalyzerFixture(dir).load(TestTimelines.fixture("plaso/plaso_test_data_psort_test.plaso"))) {
            AnalysisResult result = fixture.run(new Sessionizer());

            List<StoredEvent> events = fixture.events("*");
            assertThat(events).hasSize(20);
            long sessions = events.stream().map(e -> sessionOf(e, "all_events")).distinct().count();
            assertThat(result.counts()).containsEntry("sessions", sessions).containsEntry("events_in_sessions", 20L);
            assertThat(result.summary()).isEqualTo("Sessionizing completed, number of all_events sessions created: " + sessions);
            assertThat(fixture.count("session_id.all_events:1")).isPositive();
            assertSessionsFollowTheGaps(events, 300_000_000L);
            assertThat(fixture.created(Findings.SavedSearch.class)).extracting(Findings.SavedSearch::query)
                    .containsExactly("session_id.all_events:*");
        }
    }

    @Test
    void sessionizerOnTheSystemEvtxCountsItsSessions() throws Exception {
        try (AnalyzerFixture fixture = new AnalyzerFixture(dir).load(TestTimelines.fixture("plaso/evtx_20250918.plaso"))) {
            AnalysisResult result = fixture.run(new Sessionizer());

            assertThat(result.counts()).containsEntry("events_in_sessions", 3205L);
            long sessions = result.counts().get("sessions");
            assertThat(fixture.count("session_id.all_events:" + sessions)).isPositive();
            assertThat(fixture.count("session_id.all_events:" + (sessions + 1))).isZero();
            // System.evtx, 2012-03-14 to 2012-04-06: 513 bursts of activity, the longest 576 events
            assertThat(result.counts()).containsEntry("sessions", 513L).containsEntry("longest_session_events", 576L);
            assertSessionsFollowTheGaps(fixture.events("*"), 300_000_000L);
        }
    }

    /** Each event is in the session of the one before it unless more than the gap lies between them. */
    private static void assertSessionsFollowTheGaps(List<StoredEvent> events, long gapMicros) {
        assertThat(sessionOf(events.getFirst(), "all_events")).isEqualTo(1);
        for (int i = 1; i < events.size(); i++) {
            long gap = events.get(i).timestamp() - events.get(i - 1).timestamp();
            long step = sessionOf(events.get(i), "all_events") - sessionOf(events.get(i - 1), "all_events");
            assertThat(step).as("event %d", i).isEqualTo(gap > gapMicros ? 1 : 0);
        }
    }

    @Test
    void webActivityKeepsOtherSessionTypesAndUsesTheGapParameter() throws Exception {
        try (AnalyzerFixture fixture = new AnalyzerFixture(dir).load(AnalyzerFixture.own("psexec_web.jsonl"))) {
            fixture.run(new Sessionizer());
            AnalysisResult web = fixture.run(new WebActivitySessionizer());

            // visits at 0, 60, 120, 200, 1000, 1100, 5000 s: ten-minute gaps split before 1000 and 5000
            assertThat(web.counts()).containsEntry("sessions", 3L).containsEntry("events_in_sessions", 7L)
                    .containsEntry("longest_session_events", 4L);
            List<StoredEvent> visits = fixture.events("source_short:WEBHIST");
            assertThat(visits).extracting(e -> sessionOf(e, "web_activity")).containsExactly(1L, 1L, 1L, 1L, 2L, 2L, 3L);
            assertThat(visits).allSatisfy(e -> assertThat(sessionOf(e, "all_events")).isPositive());

            AnalysisResult shortGap = fixture.run(new WebActivitySessionizer(), Map.of("max_time_diff_seconds", 70));
            assertThat(shortGap.counts()).containsEntry("sessions", 5L);
        }
    }

    @Test
    void aBadGapParameterFailsTheRunAndWritesNothing() throws Exception {
        try (AnalyzerFixture fixture = new AnalyzerFixture(dir).load(AnalyzerFixture.own("psexec_web.jsonl"))) {
            AnalysisResult result = fixture.run(new Sessionizer(), Map.of("max_time_diff_seconds", "five"));

            assertThat(result.status()).isEqualTo(AnalysisResult.Status.ERROR);
            assertThat(result.error()).hasValueSatisfying(e -> assertThat(e).contains("max_time_diff_seconds"));
            assertThat(fixture.count("_exists_:session_id")).isZero();
        }
    }

    @Test
    void anEmptyTimelineHasNoSessions() throws Exception {
        try (AnalyzerFixture fixture = new AnalyzerFixture(dir).load(AnalyzerFixture.own("psexec_web.jsonl"))) {
            AnalysisResult result = fixture.run(new SshBruteforceSessionizer());

            assertThat(result.status()).isEqualTo(AnalysisResult.Status.NO_FINDINGS);
            assertThat(result.counts()).containsEntry("sessions", 0L);
        }
    }

    static long sessionOf(StoredEvent event, String type) {
        return event.source().get("session_id") instanceof Map<?, ?> ids && ids.get(type) instanceof Number n ? n.longValue() : -1;
    }
}
