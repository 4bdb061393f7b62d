package org.timesmith.cli.client;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.timesmith.client.DateIntervalChip;
import org.timesmith.client.DateRangeChip;
import org.timesmith.client.LabelChip;
import org.timesmith.client.Search;
import org.timesmith.client.Sketch;
import org.timesmith.client.TermChip;
import org.timesmith.client.TimesketchClient;

/**
 * {@code timesmith search} in a sketch on a server: a query string or DSL, chips from the options,
 * any number of results (the client scrolls past 10,000), written as a table, CSV, JSON Lines or
 * JSON on stdout; the number of results goes to stderr.
 *
 * @param sketchId the sketch to search
 * @param query a query string (Lucene syntax), or empty for everything unless {@code dsl} is given
 * @param dsl an OpenSearch query DSL document instead of a query string
 * @param fields the fields to return and show; empty for the server's default
 * @param limit the most results to fetch
 * @param descending newest first
 * @param output {@code table}, {@code csv}, {@code jsonl} or {@code json}
 */
public record RemoteSearch(long sketchId, Optional<String> query, Optional<String> dsl, List<String> fields, long limit,
                           boolean descending, String output, Chips chips) {

    /**
     * The chips given as options.
     *
     * @param dateRanges {@code START,END}
     * @param dateIntervals {@code DATE,BEFORE,AFTER,UNIT}
     * @param terms {@code FIELD=VALUE} that must match
     * @param excludedTerms {@code FIELD=VALUE} that must not match
     * @param labels labels the events must carry
     */
    public record Chips(List<String> dateRanges, List<String> dateIntervals, List<String> terms,
                        List<String> excludedTerms, List<String> labels, boolean starred, boolean commented) {
    }

    /** Runs the search and writes the rows; returns how many were written. */
    public long run(TimesketchClient client, PrintWriter out, PrintWriter err) {
        Sketch sketch = client.getSketch(sketchId);
        Search search = sketch.search().maxEntries((int) Math.min(limit, Integer.MAX_VALUE));
        query.ifPresent(search::queryString);
        dsl.ifPresent(search::queryDsl);
        if (query.isEmpty() && dsl.isEmpty()) {
            search.queryString("*");
        }
        if (!fields.isEmpty()) {
            search.returnFields(String.join(",", fields));
        }
        if (descending) {
            search.orderDescending();
        }
        addChips(search);
        long rows;
        try (RowOutput writer = new RowOutput(out, RowOutput.Format.valueOf(output.toUpperCase(Locale.ROOT)), fields)) {
            rows = limit == 0 ? 0 : search.forEachRow(writer::write);
        }
        out.flush();
        err.printf(Locale.ROOT, "%,d %s%n", rows, rows == 1 ? "result" : "results");
        err.flush();
        return rows;
    }

    private void addChips(Search search) {
        for (String range : chips.dateRanges()) {
            String[] sides = range.split(",", 2);
            if (sides.length != 2) {
                throw new IllegalArgumentException("--date-range takes START,END, not " + range);
            }
            search.addChip(DateRangeChip.of(sides[0], sides[1]));
        }
        for (String interval : chips.dateIntervals()) {
            String[] parts = interval.split(",");
            if (parts.length != 4 || parts[3].length() != 1) {
                throw new IllegalArgumentException("--date-interval takes DATE,BEFORE,AFTER,UNIT, not " + interval);
            }
            try {
                search.addChip(DateIntervalChip.of(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
                        parts[3].charAt(0)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--date-interval takes whole numbers before and after, not " + interval);
            }
        }
        chips.terms().forEach(t -> search.addChip(term(t)));
        chips.excludedTerms().forEach(t -> search.addChip(term(t).exclude()));
        chips.labels().forEach(l -> search.addChip(LabelChip.of(l)));
        if (chips.starred()) {
            search.addChip(LabelChip.useStarLabel());
        }
        if (chips.commented()) {
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
