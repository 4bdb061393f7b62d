package org.timesmith.cli.client;

import java.util.concurrent.Callable;
import org.timesmith.client.Story;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code timesmith story list|create|show|add-text}: the stories of a sketch. */
@Command(name = "story", mixinStandardHelpOptions = true, description = "Stories of a sketch.",
        subcommands = {StoryCommand.ListStories.class, StoryCommand.Create.class, StoryCommand.Show.class,
                StoryCommand.AddText.class})
public final class StoryCommand {

    @Command(name = "list")
    static final class ListStories implements Callable<Integer> {
        @Mixin
        ServerOptions server;

        @Option(names = "--sketch", required = true)
        long sketchId;

        @Override
        public Integer call() {
            for (Story story : server.connect().getSketch(sketchId).listStories()) {
                System.out.printf("%6d  %s%n", story.id(), story.title());
            }
            return 0;
        }
    }

    @Command(name = "create")
    static final class Create implements Callable<Integer> {
        @Mixin
        ServerOptions server;

        @Option(names = "--sketch", required = true)
        long sketchId;

        @Parameters(paramLabel = "TITLE")
        String title;

        @Override
        public Integer call() {
            System.out.println(server.connect().getSketch(sketchId).createStory(title).id());
            return 0;
        }
    }

    @Command(name = "show", description = "Print a story as markdown.")
    static final class Show implements Callable<Integer> {
        @Mixin
        ServerOptions server;

        @Option(names = "--sketch", required = true)
        long sketchId;

        @Parameters(paramLabel = "STORY_ID")
        long storyId;

        @Override
        public Integer call() {
            System.out.println(server.connect().getSketch(sketchId).getStory(storyId).toMarkdown());
            return 0;
        }
    }

    @Command(name = "add-text", description = "Append a markdown text block.")
    static final class AddText implements Callable<Integer> {
        @Mixin
        ServerOptions server;

        @Option(names = "--sketch", required = true)
        long sketchId;

        @Parameters(index = "0", paramLabel = "STORY_ID")
        long storyId;

        @Parameters(index = "1", paramLabel = "TEXT")
        String text;

        @Override
        public Integer call() {
            server.connect().getSketch(sketchId).getStory(storyId).addText(text);
            return 0;
        }
    }
}
