package org.timesmith.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code timesmith agent}: it serves {@code /analyze_logs} on loopback (a cleared log answered with
 * its finding, a broken line with an error line, another method refused) and refuses bad options.
 */
class AgentCommandTest {

    @Test
    void servesTheContractUntilStopped() throws Exception {
        CompletableFuture<String> listening = new CompletableFuture<>();
        StringWriter out = new StringWriter();
        Writer watching = new Writer() {
            @Override
            public void write(char[] buffer, int off, int len) {
                out.write(buffer, off, len);
                String text = out.toString();
                int at = text.indexOf("listening on ");
                if (at >= 0 && text.indexOf(" (rules only)", at) > 0) {
                    listening.complete(text.substring(at + 13, text.indexOf(" (rules only)", at)));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Thread command = Thread.ofPlatform().start(() -> Main.commandLine().setOut(new PrintWriter(watching, true))
                .setErr(new PrintWriter(new StringWriter(), true)).execute("agent", "--port", "0"));
        try {
            String url = listening.get(60, TimeUnit.SECONDS);
            assertThat(url).startsWith("http://127.0.0.1:").endsWith("/analyze_logs");
            HttpClient client = HttpClient.newHttpClient();
            String events = "{\"_index\":\"i\",\"_id\":\"e1\",\"_source\":{\"message\":\"The audit log was cleared\","
                    + "\"event_identifier\":1102,\"username\":\"admin\",\"timestamp\":1}}\nnot an event\n";
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-ndjson").header("Accept", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(events)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/x-ndjson");
            assertThat(response.body().lines().toList()).containsExactly(
                    "{\"record_id\":\"e1\",\"_index\":\"i\",\"annotations\":[{\"investigative_question\":\"Were event logs "
                            + "cleared to hide activity?\",\"conclusions\":[\"The Security event log was cleared (event 1102) "
                            + "by admin.\"],\"priority\":\"high\",\"attack_stage\":\"Defense evasion\"}]}",
                    "{\"error\":\"line 2 is not an event: " + response.body().lines().toList().get(1)
                            .substring("{\"error\":\"line 2 is not an event: ".length()));
            assertThat(response.body().lines().toList().get(1)).startsWith("{\"error\":\"line 2 is not an event: ");
            HttpResponse<String> get = client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(405);
        } finally {
            command.interrupt();
            command.join(30_000);
        }
        assertThat(command.isAlive()).isFalse();
        assertThat(out.toString()).contains(": 1 events, 1 findings, 1 errors");
    }

    @Test
    void refusesBadOptions() {
        CliRun port = CliRun.of("agent", "--port", "70000");
        assertThat(port.exitCode()).as(port.toString()).isEqualTo(Main.USAGE);
        assertThat(port.err()).contains("--port must be between 0 and 65535, not 70000");
        CliRun url = CliRun.of("agent", "--port", "0", "--llm-url", "ftp://example.org");
        assertThat(url.exitCode()).as(url.toString()).isEqualTo(Main.USAGE);
        assertThat(url.err()).contains("--llm-url must be an http(s) URL, not ftp://example.org");
        CliRun key = CliRun.of("agent", "--port", "0", "--api-key-env", "TIMESMITH_TEST_NO_SUCH_VARIABLE");
        assertThat(key.exitCode()).as(key.toString()).isEqualTo(Main.USAGE);
        assertThat(key.err()).contains("the environment variable TIMESMITH_TEST_NO_SUCH_VARIABLE is not set");
    }
}
