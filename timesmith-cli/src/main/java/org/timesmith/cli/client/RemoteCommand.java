package org.timesmith.cli.client;

import picocli.CommandLine.Command;

/**
 * {@code timesmith remote …}: every client-mode command under one name, so that the local
 * {@code import} and {@code search} (which work on a data directory) and the server ones
 * ({@code remote import}, {@code remote search}) never collide.
 */
@Command(name = "remote", mixinStandardHelpOptions = true,
        description = "Work with a Timesmith or Timesketch server through its API (settings in ~/.timesketchrc).",
        subcommands = {ConfigCommand.class, ClientImportCommand.class, SketchCommand.class, ClientSearchCommand.class,
                SavedSearchCommand.class, AggregateCommand.class, StoryCommand.class})
public final class RemoteCommand {
}
