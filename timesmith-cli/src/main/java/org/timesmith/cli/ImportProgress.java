package org.timesmith.cli;

import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.timesmith.core.ingest.ImportListener;

/**
 * The live progress of one import on stderr: bytes of the file consumed (which drives the ETA, as
 * the number of records is unknown until the end), events read per second and rejections so far.
 * Without a terminal it shows nothing.
 */
final class ImportProgress implements ImportListener, AutoCloseable {

    private final ProgressBar bar;
    private final long started = System.nanoTime();

    private ImportProgress(ProgressBar bar) {
        this.bar = bar;
    }

    static ImportProgress start(Path file, long size, boolean visible) {
        if (!visible) {
            return new ImportProgress(null);
        }
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(file.getFileName().toString())
                .setInitialMax(Math.max(size, 1))
                .setUnit(" MB", 1_000_000)
                .showSpeed(new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(Locale.ROOT)))
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build();
        return new ImportProgress(bar);
    }

    @Override
    public void progress(long read, long indexed, long rejected, long bytes) {
        if (bar == null) {
            return;
        }
        double seconds = Math.max(System.nanoTime() - started, 1) / 1e9;
        bar.stepTo(Math.min(bytes, bar.getMax()));
        bar.setExtraMessage(String.format(Locale.ROOT, " %,d events %,.0f/s%s", read, read / seconds,
                rejected > 0 ? String.format(Locale.ROOT, " %,d rejected", rejected) : ""));
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.stepTo(bar.getMax());
            bar.close();
        }
    }
}
