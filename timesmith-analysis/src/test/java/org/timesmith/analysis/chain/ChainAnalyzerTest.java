package org.timesmith.analysis.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timesmith.analysis.AnalysisResult;
import org.timesmith.analysis.AnalyzerFixture;
import org.timesmith.analysis.TestTimelines;
import org.timesmith.analysis.session.DestPsexecSessionizer;
import org.timesmith.core.search.StoredEvent;

/**
 * The chain analyzer and the PsExec destination sessionizer. No public fixture has Chrome
 * downloads, prefetch or PsExec traces, so {@code chain.jsonl} and {@code psexec_web.jsonl} in this
 * module's test resources were built for these tests: a download of {@code setup_tool.exe} with
 * its file system entries and its execution, a shortcut to {@code cmd.exe} and its execution, a
 * file whose name only ends like the download's, a non-executable prefetch and a download without
 * a path; a PsExec service installation followed by the execution of {@code PSEXESVC.EXE}, and a
 * second installation whose execution comes ten minutes later.
 */
class ChainAnalyzerTest {

    @TempDir
    Path dir;

    @Test
    void chainsLinkDownloadsFilesExecutionsAndShortcuts() throws Exception {
        try (AnalyzerFixture fixture = new AnalyzerFixture(dir).load(AnalyzerFixture.own("chain.jsonl"))) {
            AnalysisResult result = fixture.run(new ChainAnalyzer());

            assertThat(result.summary()).isEqualTo(
                    "3 base events annotated with a chain UUID for 3 chains for a total of 5 events. [chromefilesystem] 3 - [winprefetch] 2");
            assertThat(result.counts()).containsEntry("chains", 3L).containsEntry("chained_events", 5L)
                    .containsEntry("chained_events_chromefilesystem", 3L).containsEntry("chained_events_winprefetch", 2L);
            assertThat(fixture.count("_exists_:chains")).isEqualTo(6);
            List<Map<String, Object>> download = chains(fixture.events("data_type:\"chrome:history:file_downloaded\"").getFirst());
            assertThat(download).hasSize(2);
            assertThat(download.getFirst()).containsEntry("plugin", "chromefilesystem").containsEntry("is_base", true)
                    .containsEntry("leafs", 3);
            assertThat(download.get(1)).containsEntry("plugin", "winprefetch").containsEntry("is_base", false);
            String chromeChain = (String) download.getFirst().get("chain_id");
            assertThat(fixture.count("chains.chain_id:" + chromeChain)).isEqualTo(4);
            assertThat(fixture.count("filename:\"other_setup_tool.exe\" AND _exists_:chains")).isZero();
            assertThat(fixture.count("executable:\"SCRIPT.BAT\" AND _exists_:chains")).isZero();
        }
    }

    @Test
    void aTimelineWithoutDownloadsOrPrefetchHasNoChains() throws Exception {
        try (AnalyzerFixture fixture = new AnalyzerFixture(dir).load(TestTimelines.fixture("plaso/plaso_test_data_psort_test.plaso"))) {
            AnalysisResult result = fixture.run(new ChainAnalyzer());
            assertThat(result.status()).isEqualTo(AnalysisResult.Status.NO_FINDINGS);
            assertThat(result.counts()).containsEntry("chains", 0L);
        }
    }

    @Test
    void psexecSessionIsTheInstallationUpToTheServiceExecution() throws Exception {
        try (AnalyzerFixture fixture = new AnalyzerFixture(dir).load(AnalyzerFixture.own("psexec_web.jsonl"))) {
            AnalysisResult result = fixture.run(new DestPsexecSessionizer());

            assertThat(result.counts()).containsEntry("sessions", 1L).containsEntry("events_in_sessions", 3L);
            assertThat(fixture.events("session_id.psexec_dest:1")).extracting(e -> e.source().get("data_type"))
                    .containsExactly("windows:evtx:record", "windows:evtx:record", "windows:prefetch:execution");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> chains(StoredEvent event) {
        return (List<Map<String, Object>>) event.source().get("chains");
    }
}
