package org.timesmith.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.timesmith.core.event.Event;
import org.timesmith.core.search.Filter;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.search.SortOrder;
import org.timesmith.core.store.EventStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code timesmith search}: runs a query string (Lucene syntax, AND by default) over the local
 * timelines and streams the matches, however many, as a table, CSV or JSON lines. The number of
 * matches goes to stderr so that stdout holds only results.
 */
@Command(name = "search", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Search the timelines of a local data directory.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the search ran (also with no matches)", "1:an error (no data, bad query)",
                "2:invalid command line"})
final class SearchCommand implements Callable<Integer> {

    /** Columns of the table and CSV output when {@code --fields} is not given. */
    static final List<String> DEFAULT_FIELDS = List.of(Event.DATETIME, Event.TIMESTAMP_DESC, Event.MESSAGE);

    enum Output { TABLE, CSV, JSONL }

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "QUERY", defaultValue = "*",
            description = "Query string, e.g. 'powershell AND event_identifier:4688' (default: everything).")
    String query;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "${env:TIMESMITH_HOME:-timesmith-data}",
            description = "Data directory (default: $TIMESMITH_HOME or ./timesmith-data).")
    Path data;

    @Option(names = "--from", paramLabel = "T", description = "Only events at or after T (a date or date-time).")
    Optional<String> from;

    @Option(names = "--to", paramLabel = "T", description = "Only events at or before T (a bare date includes the day).")
    Optional<String> to;

    @Option(names = "--timezone", paramLabel = "ZONE", defaultValue = "UTC",
            description = "Zone of --from/--to values without an offset (default: ${DEFAULT-VALUE}).")
    ZoneId timezone;

    @Option(names = "--timeline", paramLabel = "NAME", split = ",", description = "Only these timelines.")
    List<String> timelines = List.of();

    @Option(names = "--fields", paramLabel = "a,b", split = ",",
            description = "Fields to show (default: datetime,timestamp_desc,message; jsonl: the whole event).")
    List<String> fields = List.of();

    @Option(names = "--limit", paramLabel = "N|all", defaultValue = "100", converter = LimitConverter.class,
            description = "Most events to show (default: ${DEFAULT-VALUE}); 'all' for every match.")
    long limit;

    @Option(names = "--order", defaultValue = "asc", description = "asc or desc by time (default: ${DEFAULT-VALUE}).")
    SortOrder order;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, csv or jsonl (default: ${DEFAULT-VALUE}).")
    Output output;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (DataDirectory directory = DataDirectory.openExisting(data)) {
            List<String> columns = columns(directory);
            SearchRequest request = request(directory, columns);
            long total = directory.store().count(request);
            long shown = 0;
            try (EventStream stream = directory.store().stream(request);
                 ResultWriter writer = writer(out, columns)) {
                while (shown < limit && stream.hasNext()) {
                    writer.write(stream.next());
                    shown++;
                }
            }
            if (total == 0) {
                err.println("no matches");
            } else if (shown < total && limit > 0) {
                err.printf(Locale.ROOT, "%,d of %,d matches shown (use --limit all for every match)%n", shown, total);
            } else {
                err.printf(Locale.ROOT, "%,d %s%n", total, total == 1 ? "match" : "matches");
            }
        }
        err.flush();
        return Main.OK;
    }

    private SearchRequest request(DataDirectory directory, List<String> columns) {
        SearchRequest.Builder request = SearchRequest.builder(DataDirectory.INDEX).query(query).order(order);
        if (from.isPresent() || to.isPresent()) {
            long start = from.map(value -> TimeArgument.start(value, timezone)).orElse(Long.MIN_VALUE);
            long end = to.map(value -> TimeArgument.end(value, timezone)).orElse(Long.MAX_VALUE);
            if (start > end) {
                throw new IllegalArgumentException("--from " + from.get() + " is after --to " + to.get());
            }
            request.filter(new Filter.TimeRange(start, end, false));
        }
        if (!timelines.isEmpty()) {
            Set<Long> ids = new HashSet<>();
            for (String name : timelines) {
                ids.add(directory.timelines().find(name).orElseThrow(() -> new IllegalArgumentException(
                        "no timeline named '" + name + "' in " + directory.path() + " (known: "
                                + String.join(", ", directory.timelines().timelines().stream()
                                .map(TimelineRegistry.Timeline::name).sorted().toList()) + ")")).id());
            }
            request.filter(new Filter.Timelines(ids, false));
        }
        if (!columns.isEmpty()) {
            Set<String> requested = new LinkedHashSet<>(columns);
            requested.add(Event.TIMESTAMP);
            request.fields(new ArrayList<>(requested));
        }
        return request.build();
    }

    /** The fields each output shows; empty means the whole event (JSON lines without {@code --fields}). */
    private List<String> columns(DataDirectory directory) {
        if (!fields.isEmpty()) {
            return fields;
        }
        return switch (output) {
            case TABLE -> DEFAULT_FIELDS;
            case CSV -> {
                // Timesketch's CSV layout first, then every other field: the export can be imported again.
                Set<String> all = new LinkedHashSet<>(List.of(Event.MESSAGE, Event.DATETIME, Event.TIMESTAMP_DESC));
                all.addAll(directory.store().fieldNames(List.of(DataDirectory.INDEX)));
                yield List.copyOf(all);
            }
            case JSONL -> List.of();
        };
    }

    private ResultWriter writer(PrintWriter out, List<String> columns) {
        return switch (output) {
            case TABLE -> new TableWriter(out, columns, Terminal.width());
            case CSV -> new CsvResultWriter(out, columns);
            case JSONL -> new JsonlResultWriter(out, columns);
        };
    }

    /** A positive number, or {@code all}. */
    static final class LimitConverter implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            if (value.equalsIgnoreCase("all")) {
                return Long.MAX_VALUE;
            }
            try {
                long limit = Long.parseLong(value);
                if (limit >= 0) {
                    return limit;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new CommandLine.TypeConversionException("--limit must be a number or 'all', not '" + value + "'");
        }
    }
}
