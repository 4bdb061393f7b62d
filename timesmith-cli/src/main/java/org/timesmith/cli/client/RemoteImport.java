package org.timesmith.cli.client;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.timesmith.client.ImportStreamer;
import org.timesmith.client.Sketch;
import org.timesmith.client.Timeline;
import org.timesmith.client.TimesketchClient;

/**
 * {@code timesmith import} into a sketch on a server (the role of Timesketch's
 * {@code timesketch_importer}): per file a progress bar over the bytes read and events sent, then
 * a spinner while the server indexes, then the outcome with every reason the client or the server
 * gave for rejected rows. The result is 0 when all is indexed, 3 when rows were rejected and 1
 * when a timeline failed, as for a local import.
 *
 * @param sketchId an existing sketch, or empty to create {@code newSketch}
 * @param newSketch the name of a sketch to create when {@code sketchId} is empty
 * @param timelineName the timeline name (with several files, each file's name is appended)
 * @param threshold events per upload
 * @param quick return once uploaded instead of waiting for the server to index
 * @param timeout how long to wait for the server to index
 * @param progress show the progress bar and spinner (on a terminal)
 */
public record RemoteImport(Optional<Long> sketchId, Optional<String> newSketch, Optional<String> timelineName,
                           Optional<String> timestampDescription, Optional<String> messageFormat, int threshold,
                           boolean quick, Duration timeout, boolean progress) {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    /** Imports every file in turn and returns the worst exit code. */
    public int run(TimesketchClient client, List<Path> files, PrintWriter out) {
        Sketch sketch = sketchId.isPresent() ? client.getSketch(sketchId.get())
                : client.createSketch(newSketch.orElseThrow(), "");
        out.println("Sketch " + sketch.id() + ": " + sketch.name());
        int exit = 0;
        for (Path file : files) {
            exit = Math.max(exit, importFile(sketch, file, files.size(), out));
        }
        out.flush();
        return exit;
    }

    private int importFile(Sketch sketch, Path file, int fileCount, PrintWriter out) {
        ImportStreamer streamer = new ImportStreamer(sketch).provider("CLI importer tool").entryThreshold(threshold)
                .context("timesmith import " + file.getFileName());
        timelineName.ifPresent(name -> streamer.timelineName(fileCount == 1 ? name : name + " " + file.getFileName()));
        timestampDescription.ifPresent(streamer::timestampDescription);
        messageFormat.ifPresent(streamer::messageFormatString);
        try (ProgressBar bar = progress ? progressBar(file) : null; streamer) {
            if (bar != null) {
                streamer.onProgress(p -> {
                    bar.stepTo(Math.min(p.bytesRead(), bar.getMax()));
                    bar.setExtraMessage(" " + p.eventsAdded() + " events, " + p.rejected() + " rejected");
                });
            }
            streamer.addFile(file);
        }
        for (String reason : streamer.rejections()) {
            out.println("  rejected: " + reason);
        }
        Optional<Timeline> imported = streamer.timeline();
        if (imported.isEmpty()) {
            out.println(file + ": nothing was imported.");
            return 1;
        }
        Timeline timeline = imported.get();
        String status = quick ? timeline.status() : waitUntilDone(timeline);
        List<String> problems = timeline.problems();
        problems.forEach(p -> out.println("  server: " + p));
        out.println(file + ": timeline " + timeline.id() + " \"" + timeline.name() + "\" " + status + ", "
                + streamer.eventsAdded() + " events sent, " + streamer.rejectedCount() + " rejected here");
        if (status.equals("fail") || status.equals("failed") || status.equals("archived")) {
            return 1;
        }
        return streamer.rejectedCount() > 0 || !problems.isEmpty() ? 3 : 0;
    }

    private static ProgressBar progressBar(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            size = 1;
        }
        return new ProgressBarBuilder().setTaskName(file.getFileName().toString()).setStyle(ProgressBarStyle.ASCII)
                .setUnit(" KiB", 1024).setInitialMax(Math.max(1, size)).setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).continuousUpdate().build();
    }

    /** Polls the timeline's status until it is final or the timeout passes, with a spinner on stderr. */
    private String waitUntilDone(Timeline timeline) {
        String frames = "|/-\\";
        Instant deadline = Instant.now().plus(timeout);
        for (int i = 0; ; i++) {
            String status = timeline.status();
            boolean done = Timeline.isFinal(status) || Instant.now().isAfter(deadline);
            if (progress) {
                System.err.print("\r" + frames.charAt(i % 4) + " indexing: " + status + "   " + (done ? "\n" : ""));
                System.err.flush();
            }
            if (done) {
                return status;
            }
            try {
                Thread.sleep(POLL_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return status;
            }
        }
    }
}
