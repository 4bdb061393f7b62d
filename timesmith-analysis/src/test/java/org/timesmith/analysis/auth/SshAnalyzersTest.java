package org.timesmith.analysis.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timesmith.analysis.AnalysisResult;
import org.timesmith.analysis.AnalyzerFixture;
import org.timesmith.analysis.Findings;
import org.timesmith.analysis.TestTimelines;
import org.timesmith.analysis.session.SshBruteforceSessionizer;
import org.timesmith.analysis.session.SshSessionizer;
import org.timesmith.core.search.StoredEvent;

/**
 * The SSH analyzers. No public fixture has sshd's syslog lines, so {@code sshd_auth.jsonl} in this
 * module's test resources was built for these tests, shaped like plaso's syslog events: an admin's
 * key login, 24 password failures (four for invalid users) from 203.0.113.7 followed by a password
 * login that stays 900 s, a scanner with 30 failures and no success, and broken lines. The real
 * Zeek {@code ssh.log} files of RITA's sample (3 days, 3630 failed authentications, none
 * successful) check the brute-force analyzer on sensor data.
 */
class SshAnalyzersTest {

    @TempDir
    Path dir;

    @Test
    void bruteForcedLoginIsTaggedStarredAndConcludedOn() throws Exception {
        try (AnalyzerFixture fixture = new AnalyzerFixture(dir).load(AnalyzerFixture.own("sshd_auth.jsonl"))) {
            AnalysisResult result = fixture.run(new SshBruteForceAnalyzer());

            assertThat(result.summary()).isEqualTo("1 brute force from 203.0.113.7");
            assertThat(result.priority()).isEqualTo(AnalysisResult.Priority.HIGH);
            assertThat(result.counts()).containsEntry("authentication_events", 58L).containsEntry("bruteforce_logins", 1L)
                    .containsEntry("bruteforce_sources", 1L).containsEntry("events_tagged_bruteforce", 2L)
                    .containsEntry("sources_with_many_failures", 2L).containsEntry("long_sessions", 1L)
                    .containsEntry("conclusions", 1L).containsEntry("facts", 1L);
            assertThat(fixture.events("tag:ssh_bruteforce")).extracting(e -> e.source().get("body")).containsExactly(
                    "Accepted password for root from 203.0.113.7 port 41000 ssh2", "Disconnected from user root 203.0.113.7 port 41000");
            assertThat(fixture.count("tag:ssh_bruteforce AND timesketch_label.name:__ts_star")).isEqualTo(2);
            Findings.Conclusion conclusion = fixture.created(Findings.Conclusion.class).getFirst();
            assertThat(conclusion.text()).startsWith("Brute force from 203.0.113.7").contains(
                    "successful login as root at 2023-11-14T22:16:12Z after 24 failures in 3600 s",
                    "the session lasted 900 s (potentially actor activity: long session)");
            assertThat(fixture.created(Findings.Question.class)).extracting(Findings.Question::text)
                    .containsExactly("Was there a successful brute-force login over SSH?");
            assertThat(fixture.created(Findings.SavedSearch.class)).extracting(Findings.SavedSearch::query)
                    .containsExactly("tag:\"ssh_bruteforce\"");
        }
    }

    @Test
    void thresholdsAreParameters() throws Exception {
        try (AnalyzerFixture fixture = new AnalyzerFixture(dir).load(AnalyzerFixture.own("sshd_auth.jsonl"))) {
            AnalysisResult strict = fixture.run(new SshBruteForceAnalyzer(), Map.of("min_failures", 25));
            assertThat(strict.status()).isEqualTo(AnalysisResult.Status.NO_FINDINGS);
            assertThat(strict.counts()).containsEntry("bruteforce_logins", 0L).containsEntry("sources_with_many_failures", 1L);

            AnalysisResult broken = fixture.run(new SshBruteForceAnalyzer(), Map.of("window_seconds", "-5"));
            assertThat(broken.status()).isEqualTo(AnalysisResult.Status.ERROR);
            assertThat(fixture.count("tag:ssh_bruteforce")).isZero();
        }
    }

    @Test
    void zeekSshLogsOfRitasSampleHoldFailuresButNoBruteForcedLogin() throws Exception {
        Path root = TestTimelines.fixture("zeek/rita_missing_host");
        List<Path> sshLogs;
        try (Stream<Path> walk = Files.walk(root)) {
            sshLogs = walk.filter(p -> p.getFileName().toString().startsWith("ssh.")).sorted().toList();
        }
        try (AnalyzerFixture fixture = new AnalyzerFixture(dir).load(sshLogs.toArray(Path[]::new))) {
            AnalysisResult result = fixture.run(new SshBruteForceAnalyzer());

            assertThat(result.status()).isEqualTo(AnalysisResult.Status.NO_FINDINGS);
            assertThat(result.summary()).isEqualTo("No bruteforce activity in 3630 authentication events");
            // 31 addresses failed; 18 of them 20 times or more within an hour, none then got in
            assertThat(result.counts()).containsEntry("authentication_events", 3630L).containsEntry("bruteforce_logins", 0L)
                    .containsEntry("sources_with_many_failures", 18L);
            assertThat(fixture.count("tag:ssh_bruteforce")).isZero();
        }
    }

    @Test
    void sshSessionizerFollowsProcessesFromTheirConnectionLine() throws Exception {
        try (AnalyzerFixture fixture = new AnalyzerFixture(dir).load(AnalyzerFixture.own("sshd_auth.jsonl"))) {
            AnalysisResult result = fixture.run(new SshSessionizer());

            assertThat(result.counts()).containsEntry("sessions", 2L).containsEntry("events_in_sessions", 8L);
            assertThat(fixture.events("session_id.ssh_session:\"203.0.113.7_41000\"")).extracting(e -> e.source().get("pid").toString())
                    .containsExactly("1100", "1100", "1100", "1100");
            assertThat(fixture.count("session_id.ssh_session:\"192.168.1.20_50100\"")).isEqualTo(4);
        }
    }

    @Test
    void bruteforceSessionizerGroupsInvalidUserBurstsTenSecondsApart() throws Exception {
        try (AnalyzerFixture fixture = new AnalyzerFixture(dir).load(AnalyzerFixture.own("sshd_auth.jsonl"))) {
            AnalysisResult result = fixture.run(new SshBruteforceSessionizer());

            // invalid users at 100, 118, 136 and 154 s, two lines each
            assertThat(result.counts()).containsEntry("sessions", 4L).containsEntry("events_in_sessions", 8L);
            List<StoredEvent> events = fixture.events("session_id.ssh_bruteforce:*");
            assertThat(events).extracting(e -> (Object) ((Map<?, ?>) e.source().get("session_id")).get("ssh_bruteforce"))
                    .map(Object::toString).containsExactly("1", "1", "2", "2", "3", "3", "4", "4");
        }
    }
}
