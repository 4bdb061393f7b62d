package org.timesmith.cli.client;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.timesmith.client.Sketch;
import org.timesmith.client.Timeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code timesmith sketch list|show|create|archive|export|delete} against a server. */
@Command(name = "sketch", mixinStandardHelpOptions = true, description = "Sketches on a server.",
        subcommands = {SketchCommand.ListSketches.class, SketchCommand.Show.class, SketchCommand.Create.class,
                SketchCommand.Archive.class, SketchCommand.Export.class, SketchCommand.Delete.class})
public final class SketchCommand {

    @Command(name = "list", description = "List the sketches you can see.")
    static final class ListSketches implements Callable<Integer> {
        @Mixin
        ServerOptions server;

        @Override
        public Integer call() {
            for (Sketch sketch : server.connect().listSketches()) {
                System.out.printf("%6d  %s%n", sketch.id(), sketch.name());
            }
            return 0;
        }
    }

    @Command(name = "show", description = "Show a sketch: properties, labels, ACL and timelines.")
    static final class Show implements Callable<Integer> {
        @Mixin
        ServerOptions server;

        @Parameters(paramLabel = "SKETCH_ID")
        long id;

        @Override
        public Integer call() {
            Sketch sketch = server.connect().getSketch(id);
            System.out.println("id:          " + sketch.id());
            System.out.println("name:        " + sketch.name());
            System.out.println("description: " + sketch.description());
            System.out.println("status:      " + sketch.status());
            System.out.println("labels:      " + String.join(", ", sketch.labels()));
            System.out.println("acl:         " + sketch.acl());
            for (Timeline timeline : sketch.listTimelines()) {
                System.out.printf("timeline %d: %s [%s]%n", timeline.id(), timeline.name(), timeline.status());
            }
            return 0;
        }
    }

    @Command(name = "create", description = "Create a sketch and print its id.")
    static final class Create implements Callable<Integer> {
        @Mixin
        ServerOptions server;

        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--description", defaultValue = "")
        String description;

        @Override
        public Integer call() {
            System.out.println(server.connect().createSketch(name, description).id());
            return 0;
        }
    }

    @Command(name = "archive", description = "Archive a sketch (--undo to unarchive).")
    static final class Archive implements Callable<Integer> {
        @Mixin
        ServerOptions server;

        @Parameters(paramLabel = "SKETCH_ID")
        long id;

        @Option(names = "--undo")
        boolean undo;

        @Override
        public Integer call() {
            Sketch sketch = server.connect().getSketch(id);
            if (undo) {
                sketch.unarchive();
            } else {
                sketch.archive();
            }
            System.out.println("Sketch " + id + (undo ? " unarchived." : " archived."));
            return 0;
        }
    }

    @Command(name = "export", description = "Export a sketch to a ZIP file.")
    static final class Export implements Callable<Integer> {
        @Mixin
        ServerOptions server;

        @Parameters(index = "0", paramLabel = "SKETCH_ID")
        long id;

        @Parameters(index = "1", paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() {
            System.out.println("Wrote " + server.connect().getSketch(id).export(file));
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete a sketch (--force: for good; administrators only).")
    static final class Delete implements Callable<Integer> {
        @Mixin
        ServerOptions server;

        @Parameters(paramLabel = "SKETCH_ID")
        long id;

        @Option(names = "--force")
        boolean force;

        @Override
        public Integer call() {
            server.connect().getSketch(id).delete(force);
            System.out.println("Sketch " + id + " deleted.");
            return 0;
        }
    }
}
