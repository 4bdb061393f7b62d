package org.timesmith.analysis.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timesmith.analysis.AnalysisResult;
import org.timesmith.analysis.AnalyzerFixture;
import org.timesmith.analysis.Findings;
import org.timesmith.analysis.TestTimelines;
import org.timesmith.core.search.StoredEvent;

/**
 * {@code evtx_gap} and {@code win_crash} on the real System.evtx plaso file (3205 events from
 * 2012); {@code win_crash} and {@code ntfs_timestomp} on fixtures of this module built for these
 * tests, since no public fixture has crash records or $MFT entries: {@code windows_crashes.jsonl}
 * (an Office crash seen as Application Error and WER report, a hang, a WER folder on disk, an
 * informational event, an error naming no program, crash reporting switched off in the registry)
 * and {@code ntfs_mft.jsonl} (a file whose $SI times were set back a year, one within a minute, one
 * with one close $FN name, an $SI without $FN, a non-numeric attribute type, an empty time kind).
 */
class WindowsArtefactAnalyzersTest {

    @TempDir
    Path dir;

    @Test
    void theRealSystemLogIsComplete() throws Exception {
        try (AnalyzerFixture fixture = new AnalyzerFixture(dir).load(TestTimelines.fixture("plaso/evtx_20250918.plaso"))) {
            AnalysisResult result = fixture.run(new EvtxGapAnalyzer());

            assertThat(result.status()).isEqualTo(AnalysisResult.Status.NO_FINDINGS);
            assertThat(result.summary()).startsWith("No gaps were identified in the EVTX logs");
            assertThat(result.counts()).containsEntry("records", 3202L).containsEntry("sources", 22L).containsEntry("log_files", 1L)
                    .containsEntry("log_files_with_gaps", 0L).containsEntry("missing_records", 0L).containsEntry("missing_days", 0L)
                    .containsEntry("rare_days", 7L);
            assertThat(fixture.created()).isEmpty();
        }
    }

    /** The real log with a wiped stretch: records 12500 to 12599 and every record of 2012-03-20 left out. */
    @Test
    void aWipedStretchOfTheRealLogIsFound() throws Exception {
        List<Map<String, Object>> kept = new ArrayList<>();
        try (AnalyzerFixture original = new AnalyzerFixture(dir.resolve("original")).load(TestTimelines.fixture("plaso/evtx_20250918.plaso"))) {
            for (StoredEvent e : original.events("data_type:\"windows:evtx:record\"")) {
                long record = ((Number) e.source().get("record_number")).longValue();
                if ((record < 12500 || record > 12599) && !day(e).equals(WIPED_DAY)) {
                    Map<String, Object> copy = new HashMap<>(e.source());
                    copy.remove("__ts_timeline_id");
                    kept.add(copy);
                }
            }
        }
        try (AnalyzerFixture fixture = new AnalyzerFixture(dir.resolve("wiped"))) {
            TestTimelines.write(fixture.store, AnalyzerFixture.INDEX, 1, kept);
            AnalysisResult result = fixture.run(new EvtxGapAnalyzer());

            TreeSet<Long> records = new TreeSet<>();
            kept.forEach(e -> records.add(((Number) e.get("record_number")).longValue()));
            long missing = records.last() - records.first() + 1 - records.size();
            assertThat(result.status()).isEqualTo(AnalysisResult.Status.SUCCESS);
            assertThat(result.counts()).containsEntry("records", (long) kept.size()).containsEntry("log_files_with_gaps", 1L)
                    .containsEntry("missing_records", missing).containsEntry("missing_days", 1L);
            assertThat(result.summary()).isEqualTo("Gaps were detected in the EVTX records: " + missing
                    + " missing record numbers in 1 log files, 1 days without records");
            Findings.Story story = fixture.created(Findings.Story.class).getFirst();
            assertThat(story.title()).isEqualTo("EVTX Gap Analysis");
            assertThat(String.join("\n", story.blocks())).contains(" + First day of logs: 2012-03-14",
                    " + Missing logs from **2012-03-20**", "Records from number 12500 up to 12599 are missing",
                    "  + Log file: **/data/System.evtx**");
            assertThat(fixture.created(Findings.Aggregation.class)).extracting(Findings.Aggregation::name)
                    .containsExactly("Top EVTX Sources");
        }
    }

    private static final LocalDate WIPED_DAY = LocalDate.of(2012, 3, 20);

    private static LocalDate day(StoredEvent event) {
        return LocalDate.ofInstant(Instant.ofEpochSecond(event.timestamp() / 1_000_000), ZoneOffset.UTC);
    }

    @Test
    void evtxGapWithoutEvtxRecordsSaysSo() throws Exception {
        try (AnalyzerFixture fixture = new AnalyzerFixture(dir).load(AnalyzerFixture.own("ntfs_mft.jsonl"))) {
            AnalysisResult result = fixture.run(new EvtxGapAnalyzer());
            assertThat(result.status()).isEqualTo(AnalysisResult.Status.NO_FINDINGS);
            assertThat(result.summary()).isEqualTo("No EVTX events discovered.");
        }
    }

    /** Timesketch's end-to-end CSV of the same log: every value is text there ({@code "12050"}). */
    @Test
    void evtxGapReadsRecordNumbersFromTimesketchsCsv() throws Exception {
        try (AnalyzerFixture fixture = new AnalyzerFixture(dir).load(TestTimelines.fixture("timesketch/e2e_test_data/evtx_direct.csv"))) {
            AnalysisResult result = fixture.run(new EvtxGapAnalyzer());

            assertThat(result.status()).isEqualTo(AnalysisResult.Status.NO_FINDINGS);
            assertThat(result.counts()).containsEntry("records", 13L).containsEntry("sources", 2L).containsEntry("log_files", 1L)
                    .containsEntry("missing_records", 0L).containsEntry("missing_days", 0L);
        }
    }

    /** The Security-log fixture ends with a record whose number is not a number: it is counted, not compared. */
    @Test
    void evtxGapSkipsRecordNumbersThatAreNotNumbers() throws Exception {
        try (AnalyzerFixture fixture = new AnalyzerFixture(dir).load(AnalyzerFixture.own("windows_security.jsonl"))) {
            AnalysisResult result = fixture.run(new EvtxGapAnalyzer());

            assertThat(result.status()).isEqualTo(AnalysisResult.Status.NO_FINDINGS);
            assertThat(result.counts()).containsEntry("records", 36L).containsEntry("log_files", 1L)
                    .containsEntry("missing_records", 0L).containsEntry("missing_days", 0L);
        }
    }

    @Test
    void winCrashNamesTheCrashedProgramsAndConcludesOnDisabledReporting() throws Exception {
        try (AnalyzerFixture fixture = new AnalyzerFixture(dir).load(AnalyzerFixture.own("windows_crashes.jsonl"))) {
            AnalysisResult result = fixture.run(new WinCrashAnalyzer());

            assertThat(result.summary()).isEqualTo(
                    "Windows Crash analyzer completed, 3 crashed applications identified: mimikatz.exe, svchost.exe, winword.exe");
            assertThat(result.counts()).containsEntry("crashed_applications", 3L).containsEntry("crash_events", 4L)
                    .containsEntry("crash_reporting_disabled", 1L).containsEntry("facts", 1L);
            assertThat(fixture.events("tag:win_crash")).extracting(e -> e.source().get("crash_app"))
                    .containsExactly("winword.exe", "winword.exe", "mimikatz.exe", "svchost.exe");
            assertThat(fixture.created(Findings.Question.class)).extracting(Findings.Question::text)
                    .containsExactly("Was Windows crash reporting disabled?");
            assertThat(fixture.created(Findings.SavedSearch.class)).extracting(Findings.SavedSearch::query)
                    .containsExactly("tag:\"win_crash\"");
        }
    }

    @Test
    void theRealSystemLogHasABlueScreenButNoCrashedProgram() throws Exception {
        try (AnalyzerFixture fixture = new AnalyzerFixture(dir).load(TestTimelines.fixture("plaso/evtx_20250918.plaso"))) {
            AnalysisResult result = fixture.run(new WinCrashAnalyzer());

            // its two BugCheck records name a memory dump, not a program (Timesketch tags nothing either)
            assertThat(result.status()).isEqualTo(AnalysisResult.Status.NO_FINDINGS);
            assertThat(result.counts()).containsEntry("crashed_applications", 0L).containsEntry("crash_events", 0L);
            assertThat(fixture.count("tag:win_crash")).isZero();
        }
    }

    @Test
    void crashedProgramIsReadFromMessagesAndWerFolders() {
        assertThat(WinCrashAnalyzer.crashedApplication("Faulting application name: 'app.EXE', version")).contains("app.EXE");
        assertThat(WinCrashAnalyzer.crashedApplication("/WER/ReportArchive/Critical_x.exe_0123456789abcdef0_1")).contains("x.exe");
        assertThat(WinCrashAnalyzer.crashedApplication("Critical_x.exe_short")).isEmpty();
        assertThat(WinCrashAnalyzer.crashedApplication("")).isEmpty();
    }

    @Test
    void ntfsTimestompMarksFilesWhoseStandardInformationLies() throws Exception {
        try (AnalyzerFixture fixture = new AnalyzerFixture(dir).load(AnalyzerFixture.own("ntfs_mft.jsonl"))) {
            AnalysisResult result = fixture.run(new NtfsTimestompAnalyzer());

            assertThat(result.summary()).isEqualTo("NtfsTimestomp Analyzer done, found 2 timestomped events");
            assertThat(result.counts()).containsEntry("timestomped", 2L);
            long year = 365L * 24 * 3600 * 1_000_000;
            Map<String, Object> byName = new HashMap<>();
            fixture.events("_exists_:time_delta").forEach(e -> byName.merge(e.source().get("name") + "", e.source().get("time_delta"),
                    (a, b) -> a));
            assertThat(byName).containsOnly(Map.entry("evil.exe", year), Map.entry("EVIL~1.EXE", year + 2_000_000));
            assertThat(fixture.events("_exists_:time_deltas")).hasSize(2)
                    .allSatisfy(e -> assertThat(e.source().get("time_deltas")).isEqualTo(List.of(year, year + 2_000_000)));
            assertThat(fixture.count("name:notes.txt AND (_exists_:time_delta OR _exists_:time_deltas)")).isZero();
            assertThat(fixture.count("_exists_:time_delta OR _exists_:time_deltas")).isEqualTo(6);

            AnalysisResult loose = fixture.run(new NtfsTimestompAnalyzer(), Map.of("threshold_minutes", 600_000));
            assertThat(loose.counts()).containsEntry("timestomped", 0L);
        }
    }
}
