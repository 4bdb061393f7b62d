package org.timesmith.cli.client;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.timesmith.client.Search;
import org.timesmith.client.Sketch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code timesmith saved-search list|run|save}: the saved searches of a sketch. */
@Command(name = "saved-search", mixinStandardHelpOptions = true, description = "Saved searches of a sketch.",
        subcommands = {SavedSearchCommand.ListSaved.class, SavedSearchCommand.Run.class, SavedSearchCommand.Save.class})
public final class SavedSearchCommand {

    @Command(name = "list", description = "List the saved searches.")
    static final class ListSaved implements Callable<Integer> {
        @Mixin
        ServerOptions server;

        @Option(names = "--sketch", required = true)
        long sketchId;

        @Override
        public Integer call() {
            for (Search search : server.connect().getSketch(sketchId).listSavedSearches()) {
                System.out.printf("%03d - %s  [%s]%n", search.id().orElseThrow(), search.name(), search.queryString());
            }
            return 0;
        }
    }

    @Command(name = "run", description = "Run a saved search by id or name.")
    static final class Run implements Callable<Integer> {
        @Mixin
        ServerOptions server;

        @Option(names = "--sketch", required = true)
        long sketchId;

        @Parameters(paramLabel = "ID_OR_NAME")
        String search;

        @Option(names = "--output", defaultValue = "table")
        RowOutput.Format output;

        @Override
        public Integer call() {
            Sketch sketch = server.connect().getSketch(sketchId);
            Search saved = search.matches("\\d+") ? sketch.getSavedSearch(Long.parseLong(search))
                    : sketch.getSavedSearch(search).orElseThrow(() -> new IllegalArgumentException(
                            "Sketch " + sketchId + " has no saved search named " + search));
            PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
            try (RowOutput writer = new RowOutput(out, output, List.of())) {
                saved.forEachRow(writer::write);
            }
            return 0;
        }
    }

    @Command(name = "save", description = "Save a query as a named search.")
    static final class Save implements Callable<Integer> {
        @Mixin
        ServerOptions server;

        @Option(names = "--sketch", required = true)
        long sketchId;

        @Option(names = "--name", required = true)
        String name;

        @Option(names = "--description", defaultValue = "")
        String description;

        @Parameters(paramLabel = "QUERY")
        String query;

        @Override
        public Integer call() {
            Search search = server.connect().getSketch(sketchId).search().queryString(query).name(name)
                    .description(description);
            System.out.println(search.save());
            return 0;
        }
    }
}
