package org.timesmith.cli.client;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.timesmith.client.DateIntervalChip;
import org.timesmith.client.DateRangeChip;
import org.timesmith.client.LabelChip;
import org.timesmith.client.Search;
import org.timesmith.client.Sketch;
import org.timesmith.client.TermChip;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Searches a sketch on a server: a query string or DSL, chips as options, any number of results
 * (scrolling past 10,000), written as a table, CSV, JSON Lines or JSON.
 */
@Command(name = "search", mixinStandardHelpOptions = true, description = "Search a sketch on a server.")
public final class ClientSearchCommand implements Callable<Integer> {

    @Mixin
    ServerOptions server;

    @Option(names = "--sketch", required = true, description = "Sketch id.")
    long sketchId;

    @Parameters(arity = "0..1", paramLabel = "QUERY", description = "Query string (Lucene syntax).")
    String query;

    @Option(names = "--dsl", description = "OpenSearch query DSL (JSON) instead of a query string.")
    String dsl;

    @Option(names = "--fields", description = "Comma-separated fields to return.")
    String fields;

    @Option(names = "--max", defaultValue = "10000", description = "Most results to return (default ${DEFAULT-VALUE}).")
    int max;

    @Option(names = "--desc", description = "Newest first.")
    boolean descending;

    @Option(names = "--date-range", paramLabel = "START,END", description = "Only events between two times (repeatable).")
    List<String> dateRanges = new ArrayList<>();

    @Option(names = "--date-interval", paramLabel = "DATE,BEFORE,AFTER,UNIT",
            description = "Only events around a time, e.g. 2020-05-01T12:00:00,5,5,m (repeatable).")
    List<String> dateIntervals = new ArrayList<>();

    @Option(names = "--term", paramLabel = "FIELD=VALUE", description = "Only events whose field has this value (repeatable).")
    List<String> terms = new ArrayList<>();

    @Option(names = "--exclude-term", paramLabel = "FIELD=VALUE", description = "Leave out events whose field has this value.")
    List<String> excludedTerms = new ArrayList<>();

    @Option(names = "--label", description = "Only events with this label (repeatable).")
    List<String> labels = new ArrayList<>();

    @Option(names = "--starred", description = "Only starred events.")
    boolean starred;

    @Option(names = "--commented", description = "Only commented events.")
    boolean commented;

    @Option(names = "--output", defaultValue = "table", description = "table, csv, jsonl or json (default ${DEFAULT-VALUE}).")
    RowOutput.Format output;

    @Override
    public Integer call() {
        Sketch sketch = server.connect().getSketch(sketchId);
        Search search = sketch.search().maxEntries(max);
        if (query != null) {
            search.queryString(query);
        }
        if (dsl != null) {
            search.queryDsl(dsl);
        }
        if (query == null && dsl == null) {
            search.queryString("*");
        }
        if (fields != null) {
            search.returnFields(fields);
        }
        if (descending) {
            search.orderDescending();
        }
        addChips(search);
        List<String> columns = fields == null ? List.of() : Arrays.stream(fields.split(",")).map(String::strip).toList();
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        try (RowOutput writer = new RowOutput(out, output, columns)) {
            search.forEachRow(writer::write);
        }
        return 0;
    }

    private void addChips(Search search) {
        for (String range : dateRanges) {
            String[] sides = range.split(",", 2);
            if (sides.length != 2) {
                throw new IllegalArgumentException("--date-range takes START,END, not " + range);
            }
            search.addChip(DateRangeChip.of(sides[0], sides[1]));
        }
        for (String interval : dateIntervals) {
            String[] parts = interval.split(",");
            if (parts.length != 4 || parts[3].length() != 1) {
                throw new IllegalArgumentException("--date-interval takes DATE,BEFORE,AFTER,UNIT, not " + interval);
            }
            search.addChip(DateIntervalChip.of(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
                    parts[3].charAt(0)));
        }
        terms.forEach(t -> search.addChip(term(t)));
        excludedTerms.forEach(t -> search.addChip(term(t).exclude()));
        labels.forEach(l -> search.addChip(LabelChip.of(l)));
        if (starred) {
            search.addChip(LabelChip.useStarLabel());
        }
        if (commented) {
            search.addChip(LabelChip.useCommentLabel());
        }
    }

    private static TermChip term(String text) {
        int equals = text.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException("--term takes FIELD=VALUE, not " + text);
        }
        return TermChip.of(text.substring(0, equals), text.substring(equals + 1));
    }
}
