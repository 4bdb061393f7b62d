package org.timesmith.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr for a command that reads a known number of events (the traffic report):
 * events read of the total and events per second. Without a terminal it shows nothing.
 */
final class ReadProgress implements AutoCloseable {

    private final ProgressBar bar;

    private ReadProgress(ProgressBar bar) {
        this.bar = bar;
    }

    static ReadProgress start(String task, long total) {
        if (!Terminal.interactive()) {
            return new ReadProgress(null);
        }
        return new ReadProgress(new ProgressBarBuilder().setTaskName(task).setInitialMax(Math.max(total, 1))
                .setUnit(" events", 1).showSpeed().setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build());
    }

    void step(long events) {
        if (bar != null) {
            bar.stepBy(events);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.stepTo(bar.getMax());
            bar.close();
        }
    }
}
