package org.timesmith.cli.client;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.timesmith.client.ImportStreamer;
import org.timesmith.client.Sketch;
import org.timesmith.client.Timeline;
import org.timesmith.client.TimesketchClient;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Imports files into a sketch on a server (the role of Timesketch's {@code timesketch_importer}):
 * a progress bar over the bytes read and events sent, then a spinner while the server indexes,
 * then the outcome with every reason the client or the server gave for rejected rows. Exit code
 * 0 when all is indexed, 3 when rows were rejected, 1 when a timeline failed.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import CSV, JSONL, L2T CSV, Excel or plaso files into a sketch on a server.")
public final class ClientImportCommand implements Callable<Integer> {

    static final class Target {
        @Option(names = "--sketch", description = "Id of an existing sketch.")
        Long sketchId;

        @Option(names = "--new-sketch", description = "Create a sketch with this name.")
        String newSketch;
    }

    @Mixin
    ServerOptions server;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Parameters(arity = "1..*", paramLabel = "FILE")
    List<Path> files;

    @Option(names = "--timeline-name", description = "Timeline name (default: the file name).")
    String timelineName;

    @Option(names = "--timestamp-desc", description = "timestamp_desc for events without one.")
    String timestampDescription;

    @Option(names = "--format-string", description = "Message format string, e.g. \"{src_ip:s} -> {dst_ip:s}\".")
    String formatString;

    @Option(names = "--threshold", defaultValue = "50000", description = "Events per upload (default ${DEFAULT-VALUE}).")
    int threshold;

    @Option(names = "--quick", description = "Do not wait for the server to finish indexing.")
    boolean quick;

    @Option(names = "--timeout", defaultValue = "PT2H", description = "How long to wait for indexing (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() {
        TimesketchClient client = server.connect();
        PrintStream out = System.out;
        Sketch sketch = target.sketchId != null ? client.getSketch(target.sketchId)
                : client.createSketch(target.newSketch, "");
        out.println("Sketch " + sketch.id() + ": " + sketch.name());
        int exit = 0;
        for (Path file : files) {
            exit = Math.max(exit, importFile(sketch, file, out));
        }
        return exit;
    }

    private int importFile(Sketch sketch, Path file, PrintStream out) {
        ImportStreamer streamer = new ImportStreamer(sketch).provider("CLI importer tool").entryThreshold(threshold)
                .context("timesmith import " + file.getFileName());
        if (timelineName != null) {
            streamer.timelineName(files.size() == 1 ? timelineName : timelineName + " " + file.getFileName());
        }
        if (timestampDescription != null) {
            streamer.timestampDescription(timestampDescription);
        }
        if (formatString != null) {
            streamer.messageFormatString(formatString);
        }
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName(file.getFileName().toString())
                .setStyle(ProgressBarStyle.ASCII).setUnit(" KiB", 1024).setInitialMax(Math.max(1, file.toFile().length()))
                .continuousUpdate().build(); streamer) {
            streamer.onProgress(p -> {
                bar.stepTo(p.bytesRead());
                bar.setExtraMessage(p.eventsAdded() + " events, " + p.rejected() + " rejected");
            });
            streamer.addFile(file);
        }
        Timeline timeline = streamer.timeline().orElse(null);
        for (String reason : streamer.rejections()) {
            out.println("  rejected: " + reason);
        }
        if (timeline == null) {
            out.println(file + ": nothing was imported.");
            return 1;
        }
        String status = quick ? timeline.status() : waitWithSpinner(timeline, out);
        List<String> problems = timeline.problems();
        problems.forEach(p -> out.println("  server: " + p));
        out.println(file + ": timeline " + timeline.id() + " \"" + timeline.name() + "\" " + status + ", "
                + streamer.eventsAdded() + " events sent, " + streamer.rejectedCount() + " rejected here");
        if (status.equals("fail") || status.equals("failed") || status.equals("archived")) {
            return 1;
        }
        return streamer.rejectedCount() > 0 || !problems.isEmpty() ? 3 : 0;
    }

    private String waitWithSpinner(Timeline timeline, PrintStream out) {
        String frames = "|/-\\";
        Instant deadline = Instant.now().plus(timeout);
        for (int i = 0; ; i++) {
            String status = timeline.status();
            out.print("\r" + frames.charAt(i % 4) + " indexing: " + status + "   ");
            out.flush();
            if (Timeline.isFinal(status) || Instant.now().isAfter(deadline)) {
                out.println();
                return status;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                out.println();
                return status;
            }
        }
    }
}
