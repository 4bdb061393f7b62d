package org.timesmith.cli;

import java.io.PrintWriter;
import java.lang.ref.Reference;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code timesmith} command. Each subcommand is its own class; adding one is adding it to the
 * {@code subcommands} list below. Errors are reported as one line on stderr (the whole stack trace
 * with {@code --verbose}) and mapped to the exit codes documented in {@code docs/cli.md}.
 */
@Command(name = "timesmith", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Collaborative forensic timeline analysis.",
        subcommands = {
                ImportCommand.class,
                SearchCommand.class,
                TrafficCommand.class,
                ServerCommand.class,
                AgentCommand.class,
                AdminCommand.class, TsctlCommand.class,
                org.timesmith.cli.client.ConfigCommand.class,
                org.timesmith.cli.client.SketchCommand.class,
                org.timesmith.cli.client.SavedSearchCommand.class,
                org.timesmith.cli.client.AggregateCommand.class,
                org.timesmith.cli.client.StoryCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class Main implements Callable<Integer> {

    /** Everything worked. */
    public static final int OK = 0;
    /** An error stopped the command (bad input file, missing data directory, store failure). */
    public static final int FAILED = 1;
    /** The command line itself is wrong (unknown option, bad value). */
    public static final int USAGE = 2;
    /** An import finished but rejected some records; the summary lists the first ones. */
    public static final int REJECTED = 3;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show stack traces of errors.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("timesmith: a command is required");
        spec.commandLine().usage(err);
        return USAGE;
    }

    public static void main(String[] args) {
        // Lucene announces at start-up that the incubating vector API is not enabled; that is advice
        // for the operator of a server, not news for someone running a command.
        Logger vectorization = Logger.getLogger("org.apache.lucene.internal.vectorization");
        vectorization.setLevel(Level.SEVERE);
        int exitCode = commandLine().execute(args);
        Reference.reachabilityFence(vectorization);
        System.exit(exitCode);
    }

    /** The configured command line, also used by tests to run commands in-process. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler(Main::handleError);
        commandLine.setParameterExceptionHandler(Main::handleUsageError);
        return commandLine;
    }

    private static int handleError(Exception error, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
        if (verbose(parseResult)) {
            error.printStackTrace(err);
        } else {
            err.println("timesmith: " + describe(error));
        }
        err.flush();
        return FAILED;
    }

    private static int handleUsageError(CommandLine.ParameterException error, String[] args) {
        CommandLine command = error.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("timesmith: " + error.getMessage());
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return USAGE;
    }

    /**
     * The first line of the error's message, or its class when it has none: errors are one line
     * (a query parser's list of expected tokens is noise to a user; --verbose shows everything).
     */
    static String describe(Throwable error) {
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            return error.getClass().getSimpleName();
        }
        return message.lines().findFirst().orElse(message).strip();
    }

    private static boolean verbose(ParseResult parseResult) {
        for (ParseResult result = parseResult; result != null; result = result.subcommand()) {
            if (result.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /** Reads the version from the jar manifest when packaged. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"timesmith " + (version == null ? "(development build)" : version)};
        }
    }
}
