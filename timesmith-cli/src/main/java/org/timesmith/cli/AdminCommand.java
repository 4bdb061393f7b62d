package org.timesmith.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.timesmith.server.AdminService;
import org.timesmith.server.TimesmithServer;
import org.timesmith.server.access.Sketch;
import org.timesmith.server.auth.Group;
import org.timesmith.server.auth.User;
import org.timesmith.server.timeline.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code timesmith admin}: what Timesketch's {@code tsctl} does, on a data directory without the web
 * server. Passwords are never taken from the command line: they are prompted for on a console, or
 * read as the first line of standard input when there is none (for scripts).
 */
@Command(name = "admin", description = "Manage users, groups and sketches of a data directory (like tsctl).",
        subcommands = {AdminCommand.UserCommand.class, AdminCommand.GroupCommand.class,
                AdminCommand.SketchCommand.class, AdminCommand.ServerImportCommand.class})
final class AdminCommand {

    @Option(names = "--home", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Data directory (default: $TIMESMITH_HOME or ./timesmith-data).")
    Path home;

    @Spec
    CommandSpec spec;

    int withAdmin(Consumer<AdminService> action) {
        try (TimesmithServer.AdminContext context = TimesmithServer.admin(
                home == null ? TimesmithServer.defaultHome() : home)) {
            action.accept(context.admin());
        }
        return Main.OK;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Reads a password from the console (twice, to catch typos) or the first line of stdin. */
    static String readPassword(String username) {
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("Password for %s: ", username);
            char[] second = console.readPassword("Repeat the password: ");
            if (first == null || second == null || !new String(first).equals(new String(second))) {
                throw new IllegalArgumentException("the passwords do not match");
            }
            return new String(first);
        }
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                throw new IllegalArgumentException("no password: type it at the prompt or give it on standard input");
            }
            return line;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the password from standard input", e);
        }
    }

    @Command(name = "user", description = "Add, change, disable and list users.")
    static final class UserCommand {
        @ParentCommand
        AdminCommand admin;

        @Command(name = "add", description = "Add a user; the password is prompted for or read from stdin.")
        int add(@Parameters(paramLabel = "USERNAME") String username,
                @Option(names = "--admin", description = "Make the user an administrator.") boolean isAdmin) {
            String password = readPassword(username);
            return admin.withAdmin(service -> {
                service.addUser(username, password, isAdmin);
                admin.out().println("user " + username + " added");
            });
        }

        @Command(name = "passwd", description = "Set a user's password (prompted for or read from stdin).")
        int passwd(@Parameters(paramLabel = "USERNAME") String username) {
            String password = readPassword(username);
            return admin.withAdmin(service -> {
                service.setPassword(username, password);
                admin.out().println("password of " + username + " changed");
            });
        }

        @Command(name = "disable", description = "Disable a user (they can no longer log in).")
        int disable(@Parameters(paramLabel = "USERNAME") String username) {
            return admin.withAdmin(service -> {
                service.setActive(username, false);
                admin.out().println("user " + username + " disabled");
            });
        }

        @Command(name = "enable", description = "Enable a disabled user again.")
        int enable(@Parameters(paramLabel = "USERNAME") String username) {
            return admin.withAdmin(service -> {
                service.setActive(username, true);
                admin.out().println("user " + username + " enabled");
            });
        }

        @Command(name = "list", description = "List users.")
        int list() {
            return admin.withAdmin(service -> {
                PrintWriter out = admin.out();
                out.printf("%-6s %-24s %-6s %-7s%n", "id", "username", "admin", "active");
                for (User user : service.listUsers()) {
                    out.printf("%-6d %-24s %-6s %-7s%n", user.id(), user.username(), user.admin(), user.active());
                }
            });
        }
    }

    @Command(name = "group", description = "Add groups and manage their members.")
    static final class GroupCommand {
        @ParentCommand
        AdminCommand admin;

        @Command(name = "add", description = "Add a group.")
        int add(@Parameters(paramLabel = "NAME") String name,
                @Option(names = "--description", defaultValue = "") String description) {
            return admin.withAdmin(service -> {
                service.addGroup(name, description);
                admin.out().println("group " + name + " added");
            });
        }

        @Command(name = "member", description = "Add a user to a group, or remove them with --remove.")
        int member(@Parameters(paramLabel = "GROUP") String group, @Parameters(paramLabel = "USERNAME") String username,
                   @Option(names = "--remove") boolean remove) {
            return admin.withAdmin(service -> {
                boolean changed = service.groupMember(group, username, !remove);
                admin.out().println(username + (remove ? " removed from " : " added to ") + group
                        + (changed ? "" : " (no change)"));
            });
        }

        @Command(name = "list", description = "List groups with their members.")
        int list() {
            return admin.withAdmin(service -> {
                for (Group group : service.listGroups()) {
                    admin.out().println(group.name() + ": " + String.join(", ", service.groupMembers(group.name())));
                }
            });
        }
    }

    @Command(name = "sketch", description = "List and delete sketches.")
    static final class SketchCommand {
        @ParentCommand
        AdminCommand admin;

        @Command(name = "list", description = "List all sketches.")
        int list() {
            return admin.withAdmin(service -> {
                PrintWriter out = admin.out();
                out.printf("%-6s %-10s %s%n", "id", "status", "name");
                for (Sketch sketch : service.listSketches()) {
                    out.printf("%-6d %-10s %s%n", sketch.id(), sketch.status(), sketch.name());
                }
            });
        }

        @Command(name = "delete", description = "Delete a sketch and its timelines' events for good.")
        int delete(@Parameters(paramLabel = "SKETCH_ID") long sketchId) {
            return admin.withAdmin(service -> {
                service.deleteSketch(sketchId);
                admin.out().println("sketch " + sketchId + " deleted");
            });
        }
    }

    @Command(name = "import", description = "Import files into a sketch on the server's side (like tsctl import);"
            + " runs here and now, into a new timeline.")
    static final class ServerImportCommand implements Callable<Integer> {
        @ParentCommand
        AdminCommand admin;

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "CSV, JSONL, JSON, L2T CSV, Excel or plaso files.")
        List<Path> files;

        @Option(names = "--sketch", required = true, paramLabel = "ID", description = "The sketch to import into.")
        long sketchId;

        @Option(names = "--timeline", paramLabel = "NAME",
                description = "Timeline name (default: the file name); several files then fill this one timeline.")
        String timeline;

        @Option(names = "--user", paramLabel = "USERNAME",
                description = "Import as this user, who needs write access (default: the sketch's owner).")
        String user;

        @Override
        public Integer call() {
            int[] failedAndRejected = {0, 0};
            admin.withAdmin(service -> {
                Optional<String> index = Optional.empty();
                for (Path file : files) {
                    AdminService.ImportOutcome outcome = service.importFile(file, sketchId,
                            Optional.ofNullable(timeline), Optional.ofNullable(user), index);
                    DataSource source = outcome.dataSource();
                    PrintWriter out = admin.out();
                    out.printf("%s → timeline %d \"%s\": %s%s, %,d read, %,d indexed, %,d rejected%n", file,
                            outcome.timeline().id(), outcome.timeline().name(), source.status(),
                            outcome.alreadyImported() ? " (already imported)" : "", source.totalFileEvents(),
                            source.indexedEvents(), source.rejectedEvents());
                    if (!source.errorMessage().isEmpty()) {
                        out.println("  " + source.errorMessage().replace("\n", "\n  "));
                    }
                    if (DataSource.FAIL.equals(source.status())) {
                        failedAndRejected[0]++;
                    }
                    failedAndRejected[1] += source.rejectedEvents() > 0 ? 1 : 0;
                    if (timeline != null) {
                        index = Optional.of(service.indexName(outcome.timeline()));
                    }
                }
            });
            if (failedAndRejected[0] > 0) {
                return Main.FAILED;
            }
            return failedAndRejected[1] > 0 ? Main.REJECTED : Main.OK;
        }
    }
}
