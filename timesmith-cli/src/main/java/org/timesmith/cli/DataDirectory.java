package org.timesmith.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.timesmith.core.store.EventStore;
import org.timesmith.store.lucene.LuceneEventStore;

/**
 * A local Timesmith data directory as the CLI uses it: {@code index/} holds the embedded Lucene
 * store with one index named {@value #INDEX} for all local timelines, and {@code timelines.json}
 * registers the timelines and their imported files.
 */
final class DataDirectory implements AutoCloseable {

    static final String INDEX = "local";
    static final String INDEX_DIRECTORY = "index";

    private final Path path;
    private final EventStore store;
    private final TimelineRegistry timelines;

    private DataDirectory(Path path, EventStore store, TimelineRegistry timelines) {
        this.path = path;
        this.store = store;
        this.timelines = timelines;
    }

    /** Opens the directory for writing, creating it and the index when they do not exist yet. */
    static DataDirectory openOrCreate(Path path) {
        try {
            Files.createDirectories(path.resolve(INDEX_DIRECTORY));
        } catch (IOException e) {
            throw new IllegalStateException("cannot use " + path + " as the data directory (" + e + ")", e);
        }
        TimelineRegistry timelines = TimelineRegistry.load(path);
        EventStore store = new LuceneEventStore(path.resolve(INDEX_DIRECTORY));
        try {
            store.createIndex(INDEX);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return new DataDirectory(path, store, timelines);
    }

    /** Opens an existing directory; fails with a hint when nothing was imported there yet. */
    static DataDirectory openExisting(Path path) {
        if (!Files.isDirectory(path.resolve(INDEX_DIRECTORY)) || !Files.exists(path.resolve(TimelineRegistry.FILE_NAME))) {
            throw new IllegalStateException("no Timesmith data in " + path
                    + " (import a timeline first: timesmith import FILE --data " + path + ")");
        }
        TimelineRegistry timelines = TimelineRegistry.load(path);
        EventStore store = new LuceneEventStore(path.resolve(INDEX_DIRECTORY));
        return new DataDirectory(path, store, timelines);
    }

    Path path() {
        return path;
    }

    EventStore store() {
        return store;
    }

    TimelineRegistry timelines() {
        return timelines;
    }

    @Override
    public void close() {
        store.close();
    }
}
