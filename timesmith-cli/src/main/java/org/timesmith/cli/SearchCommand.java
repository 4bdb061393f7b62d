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
import org.timesmith.cli.client.RemoteSearch;
import org.timesmith.cli.client.ServerOptions;
import org.timesmith.core.event.Event;
import org.timesmith.core.search.Filter;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.search.SortOrder;
import org.timesmith.core.store.EventStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code timesmith search}: with {@code --data DIR} (or {@code $TIMESMITH_HOME}) runs a query string
 * (Lucene syntax, AND by default) over the local timelines and streams the matches, however many, as
 * a table, CSV or JSON lines; with {@code --sketch ID} searches a sketch on a server instead
 * ({@link RemoteSearch}, with chips). The number of matches goes to stderr so that stdout holds only
 * results.
 */
@Command(name = "search", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Search the timelines of a local data directory (--data DIR, or $TIMESMITH_HOME)",
                "or a sketch on a server (--sketch ID; settings in ~/.timesketchrc)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the search ran (also with no matches)", "1:an error (no data, bad query)",
                "2:invalid command line"})
final class SearchCommand implements Callable<Integer> {

    /** Columns of the table and CSV output when {@code --fields} is not given. */
    static final List<String> DEFAULT_FIELDS = List.of(Event.DATETIME, Event.TIMESTAMP_DESC, Event.MESSAGE);

    enum Output { TABLE, CSV, JSONL, JSON }

    /** Options that only mean something for one of the two targets. */
    private static final List<String> LOCAL_ONLY = List.of("--from", "--to", "--timezone", "--timeline");
    private static final List<String> SERVER_ONLY = List.of("--dsl", "--date-range", "--date-interval", "--term",
            "--exclude-term", "--label", "--starred", "--commented", "--config-section", "--rc-file", "--token-password");

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "QUERY", defaultValue = "*",
            description = "Query string, e.g. 'powershell AND event_identifier:4688' (default: everything).")
    String query;

    @Option(names = "--data", paramLabel = "DIR", description = "Local: the data directory (default: $TIMESMITH_HOME).")
    Optional<Path> data;

    @Option(names = "--sketch", paramLabel = "ID", description = "Server: the sketch to search.")
    Optional<Long> sketchId;

    @Option(names = "--from", paramLabel = "T", description = "Local: only events at or after T (a date or date-time).")
    Optional<String> from;

    @Option(names = "--to", paramLabel = "T", description = "Local: only events at or before T (a bare date includes the day).")
    Optional<String> to;

    @Option(names = "--timezone", paramLabel = "ZONE", defaultValue = "UTC",
            description = "Local: zone of --from/--to values without an offset (default: ${DEFAULT-VALUE}).")
    ZoneId timezone;

    @Option(names = "--timeline", paramLabel = "NAME", split = ",", description = "Local: only these timelines.")
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
            description = "table, csv, jsonl or (server) json (default: ${DEFAULT-VALUE}).")
    Output output;

    @Option(names = "--dsl", paramLabel = "JSON", description = "Server: OpenSearch query DSL instead of a query string.")
    Optional<String> dsl;

    @Option(names = "--date-range", paramLabel = "START,END", description = "Server: only events between two times (repeatable).")
    List<String> dateRanges = new ArrayList<>();

    @Option(names = "--date-interval", paramLabel = "DATE,BEFORE,AFTER,UNIT",
            description = "Server: only events around a time, e.g. 2020-05-01T12:00:00,5,5,m (repeatable).")
    List<String> dateIntervals = new ArrayList<>();

    @Option(names = "--term", paramLabel = "FIELD=VALUE", description = "Server: only events whose field has this value (repeatable).")
    List<String> terms = new ArrayList<>();

    @Option(names = "--exclude-term", paramLabel = "FIELD=VALUE", description = "Server: leave out events whose field has this value.")
    List<String> excludedTerms = new ArrayList<>();

    @Option(names = "--label", paramLabel = "LABEL", description = "Server: only events with this label (repeatable).")
    List<String> labels = new ArrayList<>();

    @Option(names = "--starred", description = "Server: only starred events.")
    boolean starred;

    @Option(names = "--commented", description = "Server: only commented events.")
    boolean commented;

    @Mixin
    ServerOptions server;

    @Override
    public Integer call() {
        Target target = Target.choose(spec, data, sketchId.isPresent(), "--sketch", LOCAL_ONLY, SERVER_ONLY);
        return switch (target) {
            case Target.Local local -> searchLocally(local.directory());
            case Target.Server ignored -> {
                boolean everything = query.equals("*") && !spec.commandLine().getParseResult().hasMatchedPositional(0);
                new RemoteSearch(sketchId.orElseThrow(), everything ? Optional.empty() : Optional.of(query), dsl, fields,
                        limit, order == SortOrder.DESC, output.name(), new RemoteSearch.Chips(dateRanges, dateIntervals,
                        terms, excludedTerms, labels, starred, commented))
                        .run(server.connect(), spec.commandLine().getOut(), spec.commandLine().getErr());
                yield Main.OK;
            }
        };
    }

    private int searchLocally(Path data) {
        if (output == Output.JSON) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--output json is for a sketch on a server; a local search writes jsonl (one JSON object per line)");
        }
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
            case JSONL, JSON -> List.of();
        };
    }

    private ResultWriter writer(PrintWriter out, List<String> columns) {
        return switch (output) {
            case TABLE -> new TableWriter(out, columns, Terminal.width());
            case CSV -> new CsvResultWriter(out, columns);
            case JSONL, JSON -> new JsonlResultWriter(out, columns);
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
