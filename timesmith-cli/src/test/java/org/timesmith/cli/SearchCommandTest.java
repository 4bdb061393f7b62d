package org.timesmith.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SearchCommandTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path temp;

    static String data;

    @BeforeAll
    static void importDemoTwice() {
        data = temp.resolve("data").toString();
        CliRun demo = CliRun.of("import", ImportCommandTest.DEMO.toString(), "--data", data);
        assertThat(demo.exitCode()).as(demo.toString()).isZero();
        CliRun copy = CliRun.of("import", ImportCommandTest.DEMO.toString(), "--data", data, "--timeline", "copy");
        assertThat(copy.exitCode()).as(copy.toString()).isZero();
    }

    private static CliRun search(String... args) {
        String[] full = new String[args.length + 3];
        full[0] = "search";
        full[1] = "--data";
        full[2] = data;
        System.arraycopy(args, 0, full, 3, args.length);
        return CliRun.of(full);
    }

    @Test
    void theReadmeSearchFindsEveryPowershellEventOfATimelineAsATable() {
        CliRun run = search("powershell", "--timeline", "demo-timeline", "--limit", "all");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> lines = run.outLines();
        assertThat(lines.getFirst()).startsWith("datetime").contains("timestamp_desc").contains("message");
        Matcher count = Pattern.compile("(\\d+) matches").matcher(run.err());
        assertThat(count.find()).as(run.err()).isTrue();
        int matches = Integer.parseInt(count.group(1));
        assertThat(matches).isGreaterThan(20);
        assertThat(lines).hasSize(1 + matches);
        assertThat(lines.subList(1, lines.size())).allSatisfy(line -> assertThat(line).startsWith("2024-03-12T"));
    }

    @Test
    void tableRowsFitTheWidth() {
        CliRun run = search("powershell", "--limit", "20");

        int width = Terminal.width();
        assertThat(run.outLines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(width));
        assertThat(run.out()).contains("…");
    }

    @Test
    void limitOrderAndTheCountOnStderr() {
        CliRun asc = search("--limit", "5", "--output", "jsonl", "--fields", "timestamp");
        CliRun desc = search("--limit", "5", "--order", "desc", "--output", "jsonl", "--fields", "timestamp");

        assertThat(asc.outLines()).hasSize(5);
        assertThat(asc.err()).contains("5 of " + 2 * ImportCommandTest.DEMO_EVENTS + " matches shown");
        long firstAscending = JSON.readTree(asc.outLines().getFirst()).path("timestamp").asLong();
        long firstDescending = JSON.readTree(desc.outLines().getFirst()).path("timestamp").asLong();
        assertThat(firstAscending).isLessThan(firstDescending);
        assertThat(JSON.readTree(desc.outLines().get(1)).path("timestamp").asLong()).isLessThanOrEqualTo(firstDescending);
    }

    @Test
    void streamsEveryMatchWithLimitAll() {
        CliRun run = search("--limit", "all", "--output", "jsonl");

        assertThat(run.outLines()).hasSize(2 * ImportCommandTest.DEMO_EVENTS);
        JsonNode first = JSON.readTree(run.outLines().getFirst());
        assertThat(first.has("message")).isTrue();
        assertThat(first.has("hostname")).isTrue();
    }

    @Test
    void timeRangeAndTimelineFilters() {
        CliRun window = search("--from", "2024-03-12T10:00:00Z", "--to", "2024-03-12 10:10:00", "--timeline",
                "copy", "--limit", "all", "--output", "jsonl", "--fields", "datetime");

        assertThat(window.exitCode()).as(window.toString()).isZero();
        assertThat(window.outLines()).isNotEmpty().allSatisfy(line ->
                assertThat(JSON.readTree(line).path("datetime").asString()).startsWith("2024-03-12T10:0"));
        CliRun wholeDay = search("--from", "2024-03-12", "--to", "2024-03-12", "--limit", "0");
        assertThat(wholeDay.err()).contains(2 * ImportCommandTest.DEMO_EVENTS + " matches");
        CliRun dayBefore = search("--to", "2024-03-11", "--limit", "0");
        assertThat(dayBefore.err()).contains("no matches");
    }

    @Test
    void csvOutputStartsWithTimesketchColumnsAndQuotes() {
        CliRun run = search("rclone.exe", "--output", "csv", "--timeline", "demo-timeline");

        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines().getFirst()).startsWith("message,datetime,timestamp_desc,");
        assertThat(run.out()).contains("rclone.exe copy");
        CliRun fields = search("rclone.exe", "--output", "csv", "--fields", "hostname,tag", "--timeline", "demo-timeline");
        assertThat(fields.outLines().getFirst()).isEqualTo("hostname,tag");
        assertThat(fields.outLines()).contains("FS-01,exfiltration");
    }

    @Test
    void fieldedQueries() {
        CliRun run = search("event_identifier:4625", "--timeline", "demo-timeline", "--limit", "0");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).matches("(?s)2\\d matches.*");
    }

    @Test
    void noMatchesIsNotAnError() {
        CliRun run = search("nothingmatchesthisword");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("no matches");
    }

    @Test
    void aMissingDataDirectoryIsAClearError() {
        CliRun run = CliRun.of("search", "--data", temp.resolve("missing").toString(), "powershell");

        assertThat(run.exitCode()).isEqualTo(Main.FAILED);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).contains("no Timesmith data in").contains("timesmith import");
        assertThat(temp.resolve("missing")).doesNotExist();
    }

    @Test
    void anUnknownTimelineNamesTheKnownOnes() {
        CliRun run = search("--timeline", "nope");

        assertThat(run.exitCode()).isEqualTo(Main.FAILED);
        assertThat(run.err()).contains("no timeline named 'nope'").contains("copy, demo-timeline");
    }

    @Test
    void badArgumentsAreClearErrors() {
        assertThat(search("--limit", "lots").err()).contains("--limit must be a number or 'all'");
        assertThat(search("--output", "xml").exitCode()).isEqualTo(Main.USAGE);
        CliRun badDate = search("--from", "yesterday");
        assertThat(badDate.exitCode()).isEqualTo(Main.FAILED);
        assertThat(badDate.err()).contains("'yesterday' is not a date");
        assertThat(search("--from", "2024-03-13", "--to", "2024-03-12").err()).contains("is after");
    }

    @Test
    void aBrokenQueryIsOneLine() {
        CliRun run = search("message:(unclosed");

        assertThat(run.exitCode()).isEqualTo(Main.FAILED);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).startsWith("timesmith: ").contains("unclosed");
    }
}
