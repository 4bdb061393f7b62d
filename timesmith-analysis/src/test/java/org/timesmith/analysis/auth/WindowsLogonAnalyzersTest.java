package org.timesmith.analysis.auth;

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
import org.timesmith.analysis.session.LogonSessionizer;
import org.timesmith.analysis.session.UnlockSessionizer;
import org.timesmith.core.search.StoredEvent;

/**
 * The Windows logon analyzers. The public EVTX fixtures are System logs (no logons), so they only
 * show that nothing is invented there; {@code windows_security.jsonl} in this module's test
 * resources was built for these tests, shaped like plaso's Security log records ({@code strings}
 * in Windows' order and the {@code xml_string}): a console logon with lock/unlock, 22 failed
 * network logons from 10.9.8.7 then a successful one that lasts 60 s, a service logon, system
 * starts, an RDP logon that stays open, a truncated record and one with a non-numeric identifier.
 */
class WindowsLogonAnalyzersTest {

    @TempDir
    Path dir;

    private AnalyzerFixture security() throws Exception {
        return new AnalyzerFixture(dir).load(AnalyzerFixture.own("windows_security.jsonl"));
    }

    @Test
    void loginNamesThePartsOfLogonsAndLogoffs() throws Exception {
        try (AnalyzerFixture fixture = security()) {
            AnalysisResult result = fixture.run(new LoginAnalyzer());

            assertThat(result.summary()).isEqualTo("Total number of login events processed: 4 and logoff events: 2");
            assertThat(result.counts()).containsEntry("logon_events", 4L).containsEntry("logoff_events", 2L)
                    .containsEntry("records_skipped", 1L);
            assertThat(fixture.count("tag:\"logon-event\"")).isEqualTo(4);
            assertThat(fixture.count("tag:\"logoff-event\"")).isEqualTo(2);
            Map<String, Object> console = fixture.events("tag:\"logon-event\"").getFirst().source();
            assertThat(console).containsEntry("logon_type", "Interactive").containsEntry("windows_domain", "CORP")
                    .containsEntry("username", "alice").containsEntry("user_id", "S-1-5-21-1-2-3-1001")
                    .containsEntry("logon_process", "User32").containsEntry("workstation", "WKS-01")
                    .containsEntry("source_address", "127.0.0.1").containsEntry("hostname", "N/A")
                    .containsEntry("session_id", "0x3e7").containsEntry("source_username", "WKS-01$");
            assertThat(fixture.events("username:svc_backup").getFirst().source()).containsEntry("logon_type", "Service")
                    .doesNotContainKey("source_address");
            assertThat(fixture.events("tag:\"logoff-event\"").getFirst().source()).containsEntry("username", "administrator")
                    .containsEntry("logon_domain", "CORP").containsEntry("session_id", "0xbadf00d")
                    .containsEntry("logon_type", "Network");
        }
    }

    @Test
    void logonSessionsRunFromLogonToLogoffOrSystemStart() throws Exception {
        try (AnalyzerFixture fixture = security()) {
            AnalysisResult result = fixture.run(new LogonSessionizer());

            assertThat(result.counts()).containsEntry("sessions", 4L).containsEntry("events_in_sessions", 7L)
                    .containsEntry("sessions_left_open", 1L).containsEntry("events_skipped", 1L);
            assertThat(sessions(fixture, "logon_session", "\"1 (administrator)\"")).hasSize(2);
            assertThat(sessions(fixture, "logon_session", "\"0 (alice)\"")).hasSize(2);
            List<StoredEvent> start = fixture.events("event_identifier:6005 AND _exists_:session_id");
            assertThat(start).hasSize(1);
            assertThat(((Map<?, ?>) start.getFirst().source().get("session_id")).get("logon_session"))
                    .isEqualTo(List.of("2 (svc_backup)"));

            // the login analyzer run afterwards keeps the sessions
            fixture.run(new LoginAnalyzer());
            assertThat(sessions(fixture, "logon_session", "*")).hasSize(7);
        }
    }

    @Test
    void unlockSessionsRunFromUnlockToLockOrLogoff() throws Exception {
        try (AnalyzerFixture fixture = security()) {
            AnalysisResult result = fixture.run(new UnlockSessionizer());

            assertThat(result.counts()).containsEntry("sessions", 2L).containsEntry("events_in_sessions", 4L)
                    .containsEntry("sessions_left_open", 0L);
            assertThat(sessions(fixture, "unlock_session", "\"0 (alice)\"")).extracting(e -> e.source().get("event_identifier").toString())
                    .containsExactly("4801", "4800");
            assertThat(sessions(fixture, "unlock_session", "\"1 (alice)\"")).extracting(e -> e.source().get("event_identifier").toString())
                    .containsExactly("4801", "4634");
        }
    }

    @Test
    void windowsBruteForceFindsTheNetworkLogonAfterTwentyTwoFailures() throws Exception {
        try (AnalyzerFixture fixture = security()) {
            AnalysisResult result = fixture.run(new WindowsBruteForceAnalyzer());

            assertThat(result.summary()).isEqualTo("1 brute force from 10.9.8.7");
            assertThat(result.priority()).isEqualTo(AnalysisResult.Priority.HIGH);
            assertThat(result.counts()).containsEntry("authentication_events", 27L).containsEntry("bruteforce_logins", 1L)
                    .containsEntry("events_tagged_bruteforce", 2L).containsEntry("sources_with_many_failures", 1L)
                    .containsEntry("long_sessions", 1L).containsEntry("facts", 1L);
            assertThat(fixture.events("tag:windows_bruteforce AND timesketch_label.name:__ts_star"))
                    .extracting(e -> e.source().get("event_identifier").toString()).containsExactly("4624", "4634");
            assertThat(fixture.created(Findings.Conclusion.class).getFirst().text()).contains(
                    "successful login as administrator at 2023-11-14T22:50:00Z after 22 failures in 3600 s",
                    "the session lasted 60 s (potentially actor activity: long session)");
        }
    }

    @Test
    void theRealSystemLogHasNoLogonsToFind() throws Exception {
        try (AnalyzerFixture fixture = new AnalyzerFixture(dir).load(TestTimelines.fixture("plaso/evtx_20250918.plaso"))) {
            assertThat(fixture.run(new LogonSessionizer()).status()).isEqualTo(AnalysisResult.Status.NO_FINDINGS);
            assertThat(fixture.run(new LoginAnalyzer()).counts()).containsEntry("logon_events", 0L).containsEntry("logoff_events", 0L);
            assertThat(fixture.run(new WindowsBruteForceAnalyzer()).summary()).isEqualTo("No authentication events");
            assertThat(fixture.count("_exists_:session_id OR _exists_:tag")).isZero();
        }
    }

    private static List<StoredEvent> sessions(AnalyzerFixture fixture, String type, String value) {
        return fixture.events("session_id." + type + ":" + value);
    }
}
