package org.timesmith.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.context.ConfigurableApplicationContext;
import org.timesmith.server.TimesmithServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code timesmith server}: the Timesketch-compatible web server with embedded storage (SQLite
 * metadata, Lucene events, uploads) in one data directory. Runs until interrupted.
 */
@Command(name = "server", description = "Run the Timesmith server (API v1 and web UI) on embedded storage.")
final class ServerCommand implements Callable<Integer> {

    @Option(names = "--home", description = "Data directory (default: $TIMESMITH_HOME or ./timesmith-data).")
    Path home;

    @Option(names = "--port", defaultValue = "5000", description = "HTTP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--demo", description = "Create an admin user (password printed once) and a demo sketch.")
    boolean demo;

    @Override
    public Integer call() throws InterruptedException {
        Path dataHome = home == null ? TimesmithServer.defaultHome() : home;
        ConfigurableApplicationContext context = TimesmithServer.start(dataHome, port, demo);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            context.close();
            stopped.countDown();
        }, "timesmith-shutdown"));
        stopped.await();
        return Main.OK;
    }
}
