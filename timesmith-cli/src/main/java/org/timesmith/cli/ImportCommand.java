package org.timesmith.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.timesmith.cli.client.RemoteImport;
import org.timesmith.cli.client.ServerOptions;
import org.timesmith.core.ingest.CrashPoint;
import org.timesmith.core.ingest.ImportPipeline;
import org.timesmith.core.ingest.ImportSummary;
import org.timesmith.core.normalize.Normalizer;
import org.timesmith.core.normalize.NormalizerOptions;
import org.timesmith.core.reader.EventReader;
import org.timesmith.core.reader.Format;
import org.timesmith.core.reader.InputFormatException;
import org.timesmith.core.reader.ReaderOptions;
import org.timesmith.core.reader.Readers;
import org.timesmith.core.reader.Rejection;
import org.timesmith.core.store.BulkWriter;
import org.timesmith.core.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code timesmith import}: with {@code --data DIR} (or {@code $TIMESMITH_HOME}) streams files into
 * the local data directory, one data source per file, with a live progress bar on stderr and a
 * summary per file; each file goes into the timeline named by {@code --timeline}, or one named after
 * the file. With {@code --sketch ID} or {@code --new-sketch NAME} it uploads them to a sketch on a
 * server instead ({@link RemoteImport}). The options say which; naming both or neither is an error.
 */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Import timeline files into a local data directory (--data DIR, or $TIMESMITH_HOME)",
                "or into a sketch on a server (--sketch ID or --new-sketch NAME; settings in ~/.timesketchrc)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every record was indexed", "1:an error stopped an import",
                "2:invalid command line", "3:some records were rejected (see the summary)"})
final class ImportCommand implements Callable<Integer> {

    /** How many rejections the summary prints per file; the data source keeps up to 100. */
    static final int PRINTED_REJECTIONS = 10;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to import (.gz is read transparently).")
    List<Path> files;

    @Option(names = "--data", paramLabel = "DIR", description = "Local: the data directory (default: $TIMESMITH_HOME).")
    Optional<Path> data;

    @Option(names = "--sketch", paramLabel = "ID", description = "Server: id of an existing sketch.")
    Optional<Long> sketchId;

    @Option(names = "--new-sketch", paramLabel = "NAME", description = "Server: create a sketch with this name.")
    Optional<String> newSketch;

    @Option(names = {"--timeline", "--timeline-name"}, paramLabel = "NAME",
            description = "Timeline to import into (default: the file name without extensions).")
    Optional<String> timeline;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "auto", converter = FormatConverter.class,
            completionCandidates = FormatNames.class,
            description = "Local: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--timezone", paramLabel = "ZONE", defaultValue = "UTC",
            description = "Local: zone of date-times without an offset, e.g. Europe/Amsterdam (default: ${DEFAULT-VALUE}).")
    ZoneId timezone;

    @Option(names = {"--message-format", "--format-string"}, paramLabel = "F",
            description = "Builds message for records without one, e.g. '{src_ip:s} connected to {dst_ip:s}'.")
    Optional<String> messageFormat;

    @Option(names = "--timestamp-desc", paramLabel = "D", description = "timestamp_desc for records without one.")
    Optional<String> timestampDesc;

    @Option(names = "--delimiter", paramLabel = "C", converter = DelimiterConverter.class,
            description = "Local: CSV delimiter, one character or 'tab' (default: detected from the header).")
    Optional<Character> delimiter;

    @Option(names = "--sheet", paramLabel = "S", description = "Local: Excel sheet to read (default: the first).")
    Optional<String> sheet;

    @Option(names = "--no-progress", description = "Do not show the progress bar.")
    boolean noProgress;

    @Mixin
    ServerOptions server;

    @Option(names = "--threshold", paramLabel = "N", defaultValue = "50000",
            description = "Server: events per upload (default: ${DEFAULT-VALUE}).")
    int threshold;

    @Option(names = "--quick", description = "Server: do not wait for the server to finish indexing.")
    boolean quick;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT2H",
            description = "Server: how long to wait for indexing, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    /** Options that only mean something for one of the two targets. */
    private static final List<String> LOCAL_ONLY = List.of("--format", "--timezone", "--delimiter", "--sheet");
    private static final List<String> SERVER_ONLY = List.of("--threshold", "--quick", "--timeout", "--config-section",
            "--rc-file", "--token-password");

    @Override
    public Integer call() throws IOException {
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(file + ": no such file");
            }
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException(file + ": not readable");
            }
        }
        if (sketchId.isPresent() && newSketch.isPresent()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--sketch and --new-sketch exclude each other");
        }
        Target target = Target.choose(spec, data, sketchId.isPresent() || newSketch.isPresent(), "--sketch or --new-sketch",
                LOCAL_ONLY, SERVER_ONLY);
        return switch (target) {
            case Target.Local local -> importLocally(local.directory());
            case Target.Server ignored -> new RemoteImport(sketchId, newSketch, timeline, timestampDesc, messageFormat,
                    threshold, quick, timeout, showProgress()).run(server.connect(), files, spec.commandLine().getOut());
        };
    }

    private int importLocally(Path data) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean failed = false;
        boolean rejected = false;
        try (DataDirectory directory = DataDirectory.openOrCreate(data)) {
            for (Path file : files) {
                String timelineName = timeline.orElseGet(() -> defaultTimelineName(file));
                try {
                    String dataSourceId = dataSourceId(timelineName, file);
                    ImportSummary summary = importFile(directory, file, timelineName, dataSourceId);
                    printSummary(out, file, timelineName, directory, summary, dataSourceId);
                    rejected |= summary.rejected() > 0;
                } catch (InputFormatException | StoreException | IOException | UncheckedIOException
                         | IllegalStateException e) {
                    err.println("timesmith: " + Main.describe(e));
                    failed = true;
                    if (isVerbose()) {
                        e.printStackTrace(err);
                    }
                }
            }
        }
        out.flush();
        err.flush();
        return failed ? Main.FAILED : rejected ? Main.REJECTED : Main.OK;
    }

    private ImportSummary importFile(DataDirectory directory, Path file, String timelineName, String dataSourceId)
            throws IOException {
        Format actual = Format.AUTO.equals(format) ? Readers.detect(file) : format;
        ReaderOptions readerOptions = new ReaderOptions(actual, file.getFileName().toString(), delimiter, sheet);
        TimelineRegistry registry = directory.timelines();
        NormalizerOptions normalizerOptions = new NormalizerOptions(dataSourceId, registry.idFor(timelineName),
                timezone, messageFormat, timestampDesc, Map.of(), NormalizerOptions.DEFAULT_MAX_VALUE_CHARS,
                NormalizerOptions.DEFAULT_MAX_FIELDS);
        ImportSummary summary;
        try (EventReader reader = Readers.open(file, readerOptions);
             BulkWriter writer = directory.store().bulkWriter(DataDirectory.INDEX);
             ImportProgress progress = ImportProgress.start(file, Files.size(file), showProgress())) {
            summary = ImportPipeline.run(reader, new Normalizer(normalizerOptions), writer, progress);
        }
        CrashPoint.reach(CrashPoint.READY);
        registry.record(timelineName, new TimelineRegistry.DataSource(dataSourceId, file.toRealPath().toString(),
                actual.name().toLowerCase(Locale.ROOT), summary.read(), summary.indexed(), summary.rejected(),
                Instant.now().toString()));
        registry.save();
        return summary;
    }

    private void printSummary(PrintWriter out, Path file, String timelineName, DataDirectory directory,
                              ImportSummary summary, String dataSourceId) {
        long timelineId = directory.timelines().idFor(timelineName);
        double seconds = Math.max(summary.elapsedMillis(), 1) / 1000.0;
        out.printf(Locale.ROOT, "%s → timeline \"%s\" (id %d): read %,d, indexed %,d, rejected %,d in %.1f s"
                        + " (%,.0f events/s, %.1f MB/s)%n",
                file, timelineName, timelineId, summary.read(), summary.indexed(), summary.rejected(), seconds,
                summary.read() / seconds, summary.bytes() / seconds / 1e6);
        List<Rejection> shown = summary.firstRejections().stream().limit(PRINTED_REJECTIONS).toList();
        for (Rejection rejection : shown) {
            // The normaliser names its rejections by data source id; the user knows the file.
            Rejection named = rejection.source().equals(dataSourceId) ? new Rejection(file.getFileName().toString(),
                    rejection.recordNumber(), rejection.line(), rejection.field(), rejection.reason()) : rejection;
            out.println("  rejected: " + named.describe());
        }
        if (summary.rejected() > shown.size()) {
            out.printf(Locale.ROOT, "  … and %,d more rejected%n", summary.rejected() - shown.size());
        }
    }

    private boolean showProgress() {
        return !noProgress && Terminal.interactive();
    }

    private boolean isVerbose() {
        return spec.commandLine().getParseResult().hasMatchedOption("--verbose");
    }

    /** The file name without its compression and format extensions: {@code evtx.csv.gz} → {@code evtx}. */
    static String defaultTimelineName(Path file) {
        String name = file.getFileName().toString();
        if (name.toLowerCase(Locale.ROOT).endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Stable per timeline and real file path, so re-importing a file overwrites its events. */
    static String dataSourceId(String timelineName, Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
        digest.update(timelineName.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(file.toRealPath().toString().getBytes(StandardCharsets.UTF_8));
        return "local-" + HexFormat.of().formatHex(digest.digest(), 0, 8);
    }

    /** The format names the readers on the class path know, for the help text. */
    static final class FormatNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Readers.formatNames().iterator();
        }
    }

    /** Accepts the names {@link Format#parse} knows, with a message listing them otherwise. */
    static final class FormatConverter implements CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return Format.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** One character, or {@code tab} / {@code \t} for a tab. */
    static final class DelimiterConverter implements CommandLine.ITypeConverter<Character> {
        @Override
        public Character convert(String value) {
            if (value.equalsIgnoreCase("tab") || value.equals("\\t")) {
                return '\t';
            }
            if (value.length() != 1) {
                throw new CommandLine.TypeConversionException("the delimiter must be one character or 'tab', not '"
                        + value + "'");
            }
            return value.charAt(0);
        }
    }
}
