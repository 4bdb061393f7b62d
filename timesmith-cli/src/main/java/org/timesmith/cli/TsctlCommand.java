package org.timesmith.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.timesmith.server.AdminService;
import org.timesmith.server.TimesmithServer;
import org.timesmith.server.auth.User;
import org.timesmith.server.timeline.DataSource;
import org.timesmith.server.timeline.SearchIndex;
import org.timesmith.server.timeline.Timeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code timesmith tsctl}: the subcommands of Timesketch's {@code tsctl} that the end-to-end suite
 * and common migration scripts call, with tsctl's names, option spellings and output lines, so
 * those scripts run unchanged against a Timesmith data directory ({@code scripts/tsctl} puts this
 * on the PATH as {@code tsctl}). Like tsctl, a missing object is reported as a line on stdout.
 * Timesmith keeps one status per timeline and search index, not a history, so the "full status"
 * tables have one row.
 */
@Command(name = "tsctl", description = "Timesketch's tsctl subcommands on a data directory (for scripts written for tsctl).",
        subcommands = {TsctlCommand.SearchIndexStatus.class, TsctlCommand.SearchIndexInfo.class,
                TsctlCommand.TimelineStatus.class, TsctlCommand.ListUsers.class, TsctlCommand.CreateUser.class,
                TsctlCommand.MakeAdmin.class, TsctlCommand.Import.class})
final class TsctlCommand {

    @Option(names = "--home", scope = ScopeType.INHERIT,
            description = "Data directory (default: $TIMESMITH_HOME or ./timesmith-data).")
    Path home;

    @Spec
    CommandSpec spec;

    private Path home() {
        return home == null ? TimesmithServer.defaultHome() : home;
    }

    /** Runs a command that needs the whole application (password hashing, the import pipeline). */
    int withAdmin(Consumer<AdminService> action) {
        try (TimesmithServer.AdminContext context = TimesmithServer.admin(home())) {
            action.accept(context.admin());
        }
        return Main.OK;
    }

    /** Runs a command that only reads or sets metadata: no Spring context, so scripts can call it in loops. */
    int withMetadata(Consumer<TimesmithServer.MetadataContext> action) {
        action.accept(TimesmithServer.metadata(home()));
        return Main.OK;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @Command(name = "searchindex-status", description = "Get or set a search index's status.")
    static final class SearchIndexStatus implements Callable<Integer> {
        @ParentCommand
        TsctlCommand admin;
        @Option(names = "--action", defaultValue = "get", description = "get or set") Action action;
        @Option(names = "--status", description = "ready, processing or fail") Status status;
        @Option(names = "--searchindex_id", required = true) long searchIndexId;

        @Override
        public Integer call() {
            return admin.withMetadata(metadata -> {
                PrintWriter out = admin.out();
                Optional<SearchIndex> found = metadata.timelines().index(searchIndexId);
                if (found.isEmpty()) {
                    out.println("Searchindex does not exist.");
                    return;
                }
                if (action == Action.set) {
                    if (status == null) {
                        out.println("Status is not set.");
                        return;
                    }
                    metadata.timelines().setIndexStatus(searchIndexId, status.name());
                    out.println("Searchindex " + searchIndexId + " status set to " + status);
                    out.println("To verify run: tsctl searchindex-status --searchindex_id " + searchIndexId
                            + " --action get");
                    return;
                }
                SearchIndex index = found.get();
                table(out, List.of(List.of("searchindex_id", "index_name", "created_at", "user_id", "description", "status"),
                        List.of(String.valueOf(index.id()), index.indexName(), index.createdAt(),
                                String.valueOf(index.userId()), index.description(), index.status())));
                out.println();
                out.println("Full Status Value (only one should be there):");
                table(out, List.of(List.of("ID", "Status", "Updated At", "Is Latest"),
                        List.of(String.valueOf(index.id()), index.status(), index.updatedAt(), "(latest)")));
            });
        }
    }

    @Command(name = "searchindex-info", description = "Show a search index and the timelines and sketches using it.")
    static final class SearchIndexInfo implements Callable<Integer> {
        @ParentCommand
        TsctlCommand admin;
        @Option(names = "--searchindex_id") Long searchIndexId;
        @Option(names = "--index_name") String indexName;

        @Override
        public Integer call() {
            return admin.withMetadata(metadata -> {
                PrintWriter out = admin.out();
                if (searchIndexId == null && indexName == null) {
                    out.println("Please provide either a searchindex ID or an index name");
                    return;
                }
                Optional<SearchIndex> found = searchIndexId != null ? metadata.timelines().index(searchIndexId)
                        : metadata.timelines().indexByName(indexName);
                if (found.isEmpty()) {
                    out.println("Searchindex not found in database.");
                    return;
                }
                SearchIndex index = found.get();
                out.println("Searchindex: " + index.id() + " Name: " + index.name() + " [Status: " + index.status()
                        + "] found");
                List<Timeline> timelines = metadata.timelines().timelinesOfIndex(index.id());
                if (timelines.isEmpty()) {
                    out.println("No associated timelines found.");
                    return;
                }
                out.println("Associated Timelines:");
                for (Timeline timeline : timelines) {
                    out.println("  ID: " + timeline.id() + ", Name: " + timeline.name() + " [Status: "
                            + timeline.status() + "]");
                    out.println(metadata.sketches().byId(timeline.sketchId())
                            .map(sketch -> "    Sketch ID: " + sketch.id() + ", Name: " + sketch.name())
                            .orElse("    No associated sketch found."));
                }
            });
        }
    }

    @Command(name = "timeline-status", description = "Get or set a timeline's status.")
    static final class TimelineStatus implements Callable<Integer> {
        @ParentCommand
        TsctlCommand admin;
        @Parameters(paramLabel = "TIMELINE_ID") long timelineId;
        @Option(names = "--action", defaultValue = "get", description = "get or set") Action action;
        @Option(names = "--status", description = "ready, processing or fail") Status status;

        @Override
        public Integer call() {
            return admin.withMetadata(metadata -> {
                PrintWriter out = admin.out();
                Optional<Timeline> found = metadata.timelines().timeline(timelineId);
                if (found.isEmpty()) {
                    out.println("Timeline does not exist.");
                    return;
                }
                if (action == Action.set) {
                    if (status == null) {
                        out.println("Status is not set.");
                        return;
                    }
                    metadata.timelines().setTimelineStatus(timelineId, status.name());
                    out.println("Timeline " + timelineId + " status set to " + status);
                    return;
                }
                Timeline timeline = found.get();
                String indexName = metadata.timelines().index(timeline.searchIndexId()).map(SearchIndex::indexName)
                        .orElse("");
                table(out, List.of(List.of("searchindex_id", "index_name", "created_at", "user_id", "description", "status"),
                        List.of(String.valueOf(timeline.searchIndexId()), indexName, timeline.createdAt(),
                                String.valueOf(timeline.userId()), timeline.description(), timeline.status())));
                out.println();
                out.println("Data Sources:");
                List<List<String>> rows = new ArrayList<>();
                rows.add(List.of("ID", "File Path", "Status", "Error Message"));
                for (DataSource source : metadata.timelines().dataSources(timelineId)) {
                    rows.add(List.of(String.valueOf(source.id()), source.fileOnDisk(), source.status(),
                            source.errorMessage()));
                }
                table(out, rows);
            });
        }
    }

    @Command(name = "list-users", description = "List all users.")
    static final class ListUsers implements Callable<Integer> {
        @ParentCommand
        TsctlCommand admin;
        @Option(names = {"--status", "-s"}, description = "Show whether each user is active.") boolean status;

        @Override
        public Integer call() {
            return admin.withMetadata(metadata -> {
                for (User user : metadata.users().all()) {
                    admin.out().println(user.username() + (user.admin() ? " (admin)" : "")
                            + (status ? " (active: " + (user.active() ? "True" : "False") + ")" : ""));
                }
            });
        }
    }

    @Command(name = "create-user", description = "Create a user, or set the password of an existing one.")
    static final class CreateUser implements Callable<Integer> {
        @ParentCommand
        TsctlCommand admin;
        @Parameters(paramLabel = "USERNAME") String username;
        @Option(names = "--password", description = "The password (prompted for, or read from stdin, when absent).")
        String password;

        @Override
        public Integer call() {
            String secret = password != null ? password : AdminCommand.readPassword(username);
            return admin.withAdmin(service -> {
                if (service.listUsers().stream().anyMatch(u -> u.username().equals(username))) {
                    service.setPassword(username, secret);
                } else {
                    service.addUser(username, secret, false);
                }
                admin.out().println("User account for " + username + " created/updated");
            });
        }
    }

    @Command(name = "make-admin", description = "Make a user an administrator.")
    static final class MakeAdmin implements Callable<Integer> {
        @ParentCommand
        TsctlCommand admin;
        @Parameters(paramLabel = "USERNAME") String username;

        @Override
        public Integer call() {
            return admin.withMetadata(metadata -> {
                Optional<User> user = metadata.users().byUsername(username);
                if (user.isEmpty()) {
                    admin.out().println("User does not exist.");
                    return;
                }
                metadata.users().setAdmin(user.get().id(), true);
                admin.out().println("User is now an admin.");
            });
        }
    }

    @Command(name = "import", description = "Import a file into a sketch (tsctl's import; runs here and now).")
    static final class Import implements Callable<Integer> {
        @ParentCommand
        TsctlCommand admin;
        @Option(names = "--file", required = true) Path file;
        @Option(names = "--sketch_id", required = true) long sketchId;
        @Option(names = "--username") String username;
        @Option(names = "--timeline_name") String timelineName;

        @Override
        public Integer call() {
            boolean[] failed = {false};
            admin.withAdmin(service -> {
                AdminService.ImportOutcome outcome = service.importFile(file, sketchId, Optional.ofNullable(timelineName),
                        Optional.ofNullable(username), Optional.empty());
                DataSource source = outcome.dataSource();
                admin.out().printf("Imported %s to sketch: %d (timeline %d): %s, %d read, %d indexed, %d rejected%n",
                        file, sketchId, outcome.timeline().id(), source.status(), source.totalFileEvents(),
                        source.indexedEvents(), source.rejectedEvents());
                if (!source.errorMessage().isEmpty()) {
                    admin.out().println(source.errorMessage());
                }
                failed[0] = DataSource.FAIL.equals(source.status());
            });
            return failed[0] ? Main.FAILED : Main.OK;
        }
    }

    enum Action { get, set }

    /** The statuses an operator may force (tsctl's choices). */
    enum Status { ready, processing, fail }

    /** Prints rows as a left-aligned table (tsctl's {@code print_table}). */
    private static void table(PrintWriter out, List<List<String>> rows) {
        int[] widths = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], String.valueOf(row.get(i)).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(String.format("%-" + (widths[i] + 2) + "s", row.get(i)));
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
