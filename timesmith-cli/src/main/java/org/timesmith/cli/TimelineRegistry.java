package org.timesmith.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The timelines of a local data directory, kept in {@code timelines.json}: each timeline's name and
 * id, and per imported file its data source id and counts. The data source id is derived from the
 * timeline and the file's real path, so importing the same file into the same timeline again gives
 * the same event ids and overwrites instead of duplicating.
 */
final class TimelineRegistry {

    static final String FILE_NAME = "timelines.json";

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Path file;
    private final List<Timeline> timelines;

    private TimelineRegistry(Path file, List<Timeline> timelines) {
        this.file = file;
        this.timelines = new ArrayList<>(timelines);
    }

    /** One imported file of a timeline and what its last import did. */
    record DataSource(String id, String file, String format, long read, long indexed, long rejected,
                      String importedAt) {
    }

    record Timeline(String name, long id, List<DataSource> dataSources) {
        Timeline {
            dataSources = List.copyOf(dataSources);
        }

        long events() {
            return dataSources.stream().mapToLong(DataSource::indexed).sum();
        }
    }

    /** The JSON document as stored; a record so that the file stays readable and diffable. */
    record Document(List<Timeline> timelines) {
    }

    static TimelineRegistry load(Path dataDirectory) {
        Path file = dataDirectory.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return new TimelineRegistry(file, List.of());
        }
        try {
            Document document = JSON.readValue(file.toFile(), Document.class);
            return new TimelineRegistry(file, document.timelines() == null ? List.of() : document.timelines());
        } catch (JacksonException e) {
            throw new IllegalStateException(file + " is damaged: " + e.getOriginalMessage(), e);
        }
    }

    List<Timeline> timelines() {
        return List.copyOf(timelines);
    }

    Optional<Timeline> find(String name) {
        return timelines.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The id of the timeline with this name, or the id it gets when its first file is recorded. */
    long idFor(String name) {
        return find(name).map(Timeline::id)
                .orElseGet(() -> timelines.stream().mapToLong(Timeline::id).max().orElse(0) + 1);
    }

    /** Records (or replaces) the data source of a timeline, registering the timeline if it is new. */
    void record(String timelineName, DataSource source) {
        Timeline timeline = find(timelineName).orElseGet(() -> {
            Timeline created = new Timeline(timelineName, idFor(timelineName), List.of());
            timelines.add(created);
            return created;
        });
        List<DataSource> sources = new ArrayList<>(timeline.dataSources());
        sources.removeIf(s -> s.id().equals(source.id()));
        sources.add(source);
        sources.sort(Comparator.comparing(DataSource::file));
        timelines.set(timelines.indexOf(timeline), new Timeline(timeline.name(), timeline.id(), sources));
    }

    /** Writes the registry atomically, so an interrupted write never leaves a half file. */
    void save() throws IOException {
        Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
        JSON.writeValue(temporary.toFile(), new Document(timelines));
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
